"""The dashboard in a real browser (headless Chromium) and the audit on a Dask cluster."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from audit_helpers import build_inputs, read_csv, without_timing

from sferum_policy.audit import AuditOptions, run_audit

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
                 if p and Path(p).exists()), None)
AS_OF = date(2026, 1, 15)


def chromium_args(profile: Path) -> list[str]:
    return [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit-browser")
    district, archive = build_inputs(root)
    out = root / "out"
    run_audit(AuditOptions(paths=[district, archive], outdir=out, as_of=AS_OF, jobs=2))
    return root, district, archive, out


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="нет headless Chromium (/usr/bin/chromium): apt-get install -y chromium")
def test_dashboard_renders_in_chromium(audited, tmp_path):
    out = audited[3]
    proc = subprocess.run([*chromium_args(tmp_path / "profile"), "--dump-dom", (out / "index.html").as_uri()],
                          capture_output=True, text=True, timeout=120)
    dom = proc.stdout
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = read_csv(out / "summary.csv")
    assert len(re.findall(r'<tr class="doc"', dom)) == len(rows) == 7
    for r in rows:
        assert r["Файл"].replace("&", "&amp;") in dom.replace("<wbr>", "")
    # The script ran: headers became sort buttons and the filter box was added.
    assert dom.count("<button") >= 9 and 'class="filter"' in dom  # one per column
    shot = tmp_path / "shot.png"
    proc = subprocess.run([*chromium_args(tmp_path / "profile2"), "--hide-scrollbars", "--window-size=1280,900",
                           f"--screenshot={shot}", (out / "index.html").as_uri()], capture_output=True, timeout=120)
    assert proc.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.slow
def test_dask_cluster_gives_the_same_summary(audited, tmp_path):
    pytest.importorskip("distributed", reason="нет dask.distributed: pip install 'sferum-policy[dask]'")
    from distributed import LocalCluster

    _, district, archive, out = audited
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as cluster:
        res = run_audit(AuditOptions(paths=[district, archive], outdir=tmp_path / "dask", as_of=AS_OF,
                                     dask_scheduler=cluster.scheduler_address, use_cache=False))
    assert res.complete and res.reused == 0
    assert without_timing(read_csv(tmp_path / "dask" / "summary.csv")) == without_timing(read_csv(out / "summary.csv"))
    assert len(list((tmp_path / "dask" / "reports").glob("*.html"))) == 5


def test_unreachable_dask_scheduler_is_one_line(tmp_path, capsys):
    pytest.importorskip("distributed", reason="нет dask.distributed: pip install 'sferum-policy[dask]'")
    from audit_helpers import sample_text

    from sferum_policy.cli import main

    (tmp_path / "a.txt").write_text(sample_text("003"), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["audit", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--dask-scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "Dask" in err and len(err.strip().splitlines()) == 1

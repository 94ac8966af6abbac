"""What every request needs (:class:`State`) and how a view gets it (:func:`state`): here, not in
:mod:`.app`, so that the views do not import the application that imports them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from .limits import Limits
from .storage import Storage
from .workers import WorkerPool


@dataclass
class State:
    """What every request needs: the limits, the private storage, the worker processes."""

    limits: Limits
    storage: Storage
    pool: WorkerPool
    settings: dict[str, Any] = field(default_factory=dict)

    def close(self) -> None:
        self.pool.close()
        self.storage.close()


def state(request: Request) -> State:
    return request.app.state.sferum

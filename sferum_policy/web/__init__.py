"""A local web page over the library (``sferum-policy serve``): check, generate, audit, reference.

Import :func:`create_app` from :mod:`sferum_policy.web.app`; this package imports nothing heavy itself.
"""

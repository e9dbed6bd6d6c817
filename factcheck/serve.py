"""``factcheck serve``: the editor's desk, a local web page and JSON API over one loaded :class:`Checker`.

The web stack (Starlette on uvicorn) is the optional extra ``factcheck[serve]`` and is imported only
here and in :mod:`factcheck.serve_app`, never at ``import factcheck`` time.

What the server promises (see :mod:`factcheck.serve_app` for the routes):

* the models load once, at start-up, before the port accepts requests;
* checks run one at a time in one worker thread (the model work needs the CPU's cores); up to
  ``queue`` more requests wait behind it, and the next one is answered ``429`` with ``Retry-After``;
* each request has ``timeout`` seconds from arrival to report (``504`` after that; a check that is
  already running stops at its next model batch, so a timed-out request does not hold the queue);
* request bodies over ``max_request_bytes`` are refused (``413``);
* with ``token`` set, every ``/v1/`` call needs ``Authorization: Bearer <token>`` (``401``);
* URLs are fetched for callers with loopback, private and link-local addresses refused, unless
  ``allow_private`` (no server-side request forgery through the desk).

Example:
    >>> s = ServeSettings(host="0.0.0.0")
    >>> bind_warning(s) is not None, bind_warning(ServeSettings()) is None
    (True, True)
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from importlib.util import find_spec
from typing import TYPE_CHECKING

from .errors import InputError, SettingsError

if TYPE_CHECKING:
    from .pipeline import Checker

INSTALL_HINT = "pip install 'factcheck[serve]'"


@dataclass(frozen=True)
class ServeSettings:
    """How the desk listens, admits and limits requests.

    Args:
        host: interface to bind; loopback by default.
        port: TCP port (0: any free port).
        token: when set, ``/v1/`` calls need ``Authorization: Bearer <token>``.
        allow_private: let the server fetch URLs on loopback, private and link-local addresses.
        queue: requests that may wait behind the running check; one more is answered 429.
        timeout: seconds from a request's arrival to its report (504 after that).
        max_request_bytes: largest request body (413 over it).
        max_sources: most sources in one request.
        nli_model: NLI model for the production checker (Hugging Face id or path; default: the shipped one).
        embedder_model: sentence embedder for the production checker.
        use_nli: ``False``: similarity and mismatch rules only.
        int8: int8 NLI on the CPU.
        bf16: bfloat16 NLI on torch (:func:`factcheck.nli.bf16_by_default` is the CLI's default).
        allowed_hosts: ``Host`` header values accepted (port ignored); ``None``: the loopback names when bound
            to loopback (a guard against DNS rebinding), any host otherwise; ``("*",)``: any host.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    allow_private: bool = False
    queue: int = 8
    timeout: float = 120.0
    max_request_bytes: int = 5_000_000
    max_sources: int = 20
    nli_model: str | None = None
    embedder_model: str | None = None
    use_nli: bool = True
    int8: bool = False
    bf16: bool = False
    allowed_hosts: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise SettingsError(f"port {self.port} is not a TCP port; choose one from 1 to 65535")
        if self.queue < 0:
            raise SettingsError(f"queue {self.queue} is negative; give 0 or more waiting requests")
        if not self.timeout > 0:
            raise SettingsError(f"timeout {self.timeout} s must be above 0")
        if self.max_request_bytes < 1_000:
            raise SettingsError(f"max_request_bytes {self.max_request_bytes} is too small; give at least 1000")
        if self.max_sources < 2:
            raise SettingsError(f"max_sources {self.max_sources} must be at least 2")
        if self.token is not None and not self.token.strip():
            raise SettingsError("the token is empty; give a non-empty --token or none")

    @property
    def hosts(self) -> tuple[str, ...]:
        """The accepted ``Host`` names (``("*",)``: any)."""
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        return ("127.0.0.1", "localhost", "::1") if is_loopback(self.host) else ("*",)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (``127.0.0.0/8``, ``::1``).

    Example:
        >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0"), is_loopback("::1")
        (True, True, False, True)
    """
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_warning(settings: ServeSettings) -> str | None:
    """The warning to print when the desk is reachable beyond this machine without a token, else ``None``."""
    if is_loopback(settings.host) or settings.token:
        return None
    return (f"listening on {settings.host} without --token: anyone who can reach this port can run checks and make "
            "the server fetch URLs; set --token (or FACTCHECK_TOKEN) or bind to 127.0.0.1")


def require_serve_extra() -> None:
    """Raise :class:`InputError` naming the install command when Starlette or uvicorn is missing."""
    missing = [m for m in ("starlette", "uvicorn") if find_spec(m) is None]
    if missing:
        raise InputError(f"factcheck serve needs {' and '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} "
                         f"not installed: {INSTALL_HINT}")


def serve(settings: ServeSettings, checker: Checker | None = None, *, log_level: str = "info") -> None:
    """Run the desk until interrupted (blocks). The models load before the port accepts requests.

    Args:
        settings: where to listen and the limits.
        checker: a ready :class:`Checker`; default: one built from ``settings`` (real models).
        log_level: uvicorn's log level.

    Raises:
        InputError: Starlette or uvicorn is not installed.
        ModelError: a model could not be loaded (before the port opens).
    """
    require_serve_extra()
    import uvicorn

    from .serve_app import create_app
    from .serve_worker import WARM_UP

    if checker is None:  # load here, so a model that fails to load is a ModelError, not a uvicorn traceback
        from .pipeline import Checker

        checker = Checker(nli_model=settings.nli_model, embedder_model=settings.embedder_model,
                          use_nli=settings.use_nli, int8=settings.int8,
                          bf16=settings.bf16)
        checker.check(list(WARM_UP))
    app = create_app(checker, settings=settings)
    # open connections are bounded too (uvicorn answers 503 past it): request bodies are read before the queue
    # admits a request, so this bounds the memory that uploads in flight can take
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=log_level, lifespan="on",
                server_header=False, timeout_graceful_shutdown=5, limit_concurrency=64 + settings.queue)

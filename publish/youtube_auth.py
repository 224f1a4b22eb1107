"""YouTube sign-in: the installed-app OAuth flow and where its credentials are kept.

Sign-in uses Google's loopback flow (a one-shot local web server receives the answer; PKCE is on),
with the user's own client-secrets file, whose path is remembered after the first login. The
credentials (``Credentials.to_json()``, which holds the refresh token) go to the OS keyring when
there is a usable one, otherwise to a file only the user can read (0600) in the user config folder.
They are never printed or logged: only where they are kept and what they allow is shown.

``SHOPREEL_YOUTUBE_CREDENTIALS`` may name an authorized-user JSON file (the format
``Credentials.to_json()`` writes); it is used instead of the stored sign-in, for servers and
scripts, and never written to.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopreel.publish.youtube_errors import SignInError

SCOPE_UPLOAD = "https://www.googleapis.com/auth/youtube.upload"
SCOPE_YOUTUBE = "https://www.googleapis.com/auth/youtube"
# Scopes that cover playlistItems.insert and channels.list (youtube.upload covers neither).
_WIDE_SCOPES = {SCOPE_YOUTUBE, "https://www.googleapis.com/auth/youtube.force-ssl"}

ENV_CREDENTIALS = "SHOPREEL_YOUTUBE_CREDENTIALS"
ENV_CONFIG_DIR = "SHOPREEL_CONFIG_DIR"
ENV_API_ROOT = "SHOPREEL_YOUTUBE_API_ROOT"
KEYRING_SERVICE = "ShopReel YouTube"
KEYRING_USER = "default"
TOKEN_FILE = "youtube-token.json"
SETTINGS_FILE = "youtube.json"
LOGIN_TIMEOUT_SECONDS = 300

_log = logging.getLogger("shopreel.youtube")


def config_dir() -> Path:
    """The user's ShopReel config folder (``SHOPREEL_CONFIG_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("ShopReel", appauthor=False))


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` so that only the user can read it, atomically, never world-readable on the way:
    the temporary file is created with mode 0600 before the secret goes in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- settings that are not secret: the client-secrets path and the last channel seen --------------

def read_settings() -> dict[str, Any]:
    try:
        data = json.loads((config_dir() / SETTINGS_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _update_settings(**values: Any) -> None:
    settings = {**read_settings(), **values}
    _write_private(config_dir() / SETTINGS_FILE, json.dumps(settings, indent=2) + "\n")


def remember_channel(channel_id: str | None, title: str | None) -> None:
    """Keep the channel an upload went to, so ``youtube status`` can name it without extra scopes."""
    if channel_id and read_settings().get("channel") != {"id": channel_id, "title": title}:
        with contextlib.suppress(OSError):
            _update_settings(channel={"id": channel_id, "title": title})


# -- where the credentials live -------------------------------------------------------------------

class TokenStore:
    """The stored sign-in: the OS keyring when usable, else a 0600 file in the config folder."""

    @property
    def file(self) -> Path:
        return config_dir() / TOKEN_FILE

    @staticmethod
    def _keyring() -> Any | None:
        try:
            import keyring
        except ImportError:
            return None
        return keyring

    def load(self) -> tuple[str, str] | None:
        """(credentials JSON, where it came from) or None when nobody is signed in."""
        keyring = self._keyring()
        if keyring is not None:
            try:
                text = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
                if text:
                    return text, "the system keyring"
            except Exception:  # no backend, locked or broken keyring: the file is the fallback
                pass
        try:
            return self.file.read_text(encoding="utf-8"), str(self.file)
        except OSError:
            return None

    def save(self, text: str) -> str:
        """Store the credentials JSON; return where it went."""
        keyring = self._keyring()
        if keyring is not None:
            try:
                keyring.set_password(KEYRING_SERVICE, KEYRING_USER, text)
            except Exception:  # no usable keyring (servers, containers): use the private file
                _log.debug("no usable system keyring; keeping the sign-in in a private file")
            else:
                # A plain-text copy from an earlier fallback must not outlive the keyring entry.
                with contextlib.suppress(OSError):
                    self.file.unlink()
                return "the system keyring"
        _write_private(self.file, text)
        return str(self.file)

    def delete(self) -> bool:
        """Forget the stored sign-in. True if there was one."""
        removed = False
        keyring = self._keyring()
        if keyring is not None:
            with contextlib.suppress(Exception):
                if keyring.get_password(KEYRING_SERVICE, KEYRING_USER):
                    keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
                    removed = True
        with contextlib.suppress(FileNotFoundError):
            self.file.unlink()
            removed = True
        return removed


@dataclass
class SignIn:
    """Loaded credentials and where they came from (``from_env``: never written back)."""

    credentials: Any  # google.oauth2.credentials.Credentials
    source: str
    from_env: bool
    initial_token: str | None

    @property
    def scopes(self) -> frozenset[str] | None:
        scopes = self.credentials.scopes
        return frozenset(scopes) if scopes else None

    @property
    def can_use_playlists(self) -> bool:
        """False only when the granted scopes are known and exclude playlists."""
        return self.scopes is None or bool(self.scopes & _WIDE_SCOPES)

    def save_if_refreshed(self) -> None:
        """Store a refreshed access token, so the next run need not refresh again."""
        if not self.from_env and self.credentials.token != self.initial_token:
            with contextlib.suppress(OSError):
                TokenStore().save(self.credentials.to_json())
            self.initial_token = self.credentials.token


def _credentials_from(info: dict[str, Any], source: str) -> Any:
    from google.oauth2 import credentials as google_credentials

    loader: Any = google_credentials.Credentials.from_authorized_user_info
    try:
        credentials = loader(info)
    except (ValueError, KeyError, TypeError) as exc:
        raise SignInError(f"{source}: not an authorized-user credentials file ({exc})",
                          "sign in again with `shopreel youtube login`, or give a file written by "
                          "google-auth's Credentials.to_json()") from None
    # google-auth sends refreshes to Google whatever the file says (a file must not be able to
    # send the refresh token elsewhere). Only when the API itself is redirected (a local server in
    # tests and automation) is a token endpoint on that same server honoured.
    root = os.environ.get(ENV_API_ROOT, "").rstrip("/")
    token_uri = info.get("token_uri")
    if root and isinstance(token_uri, str) and token_uri.startswith(root + "/"):
        credentials = credentials.with_token_uri(token_uri)
    return credentials


def load_sign_in(*, playlists: bool = False) -> SignIn:
    """The credentials to use: ``SHOPREEL_YOUTUBE_CREDENTIALS`` if set, else the stored sign-in.

    Raises SignInError when there is none, it is unreadable, or ``playlists`` is asked but the
    sign-in only allows uploads.
    """
    env_path = os.environ.get(ENV_CREDENTIALS)
    if env_path:
        source = f"{ENV_CREDENTIALS}={env_path}"
        try:
            info = json.loads(Path(env_path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise SignInError(f"{source}: cannot be read ({exc.strerror})",
                              "point it at an authorized-user JSON file") from None
        except ValueError:
            raise SignInError(f"{source}: not JSON", "point it at an authorized-user JSON file"
                              ) from None
        sign_in = SignIn(_credentials_from(info, source), source, True, info.get("token"))
    else:
        stored = TokenStore().load()
        if stored is None:
            raise SignInError("not signed in to YouTube",
                              "run `shopreel youtube login` (once), or set "
                              f"{ENV_CREDENTIALS} to a credentials file")
        text, where = stored
        try:
            info = json.loads(text)
        except ValueError:
            raise SignInError(f"the stored YouTube sign-in ({where}) is damaged",
                              "run `shopreel youtube login` again") from None
        sign_in = SignIn(_credentials_from(info, where), where, False, info.get("token"))
    if playlists and not sign_in.can_use_playlists:
        raise SignInError("adding the video to a playlist needs wider YouTube access than this "
                          "sign-in has (only uploads); nothing was uploaded",
                          "run `shopreel youtube login --playlists`, or remove the playlist")
    return sign_in


def login(client_secrets: Path | None = None, *, playlists: bool = False, open_browser: bool = True,
          timeout_seconds: int = LOGIN_TIMEOUT_SECONDS) -> tuple[SignIn, str]:
    """Sign in through the browser (loopback redirect, PKCE) and store the credentials.

    ``client_secrets`` is the OAuth client file downloaded from the Google Cloud Console (type
    "Desktop app"); given once, its path is remembered. Asks for ``youtube.upload`` only, plus
    ``youtube`` when ``playlists``. Returns the sign-in and where it was stored. Raises SignInError.
    """
    if client_secrets is None:
        remembered = read_settings().get("client_secrets")
        if not remembered:
            raise SignInError("no OAuth client file yet",
                              "download one (type Desktop app) from the Google Cloud Console and "
                              "run `shopreel youtube login --client-secrets FILE` once")
        client_secrets = Path(remembered)
    client_secrets = client_secrets.expanduser().absolute()
    if not client_secrets.is_file():
        raise SignInError(f"{client_secrets}: the OAuth client file does not exist",
                          "give its new place with --client-secrets FILE")
    scopes = [SCOPE_UPLOAD, SCOPE_YOUTUBE] if playlists else [SCOPE_UPLOAD]
    credentials = _run_flow(client_secrets, scopes, open_browser, timeout_seconds)
    _update_settings(client_secrets=str(client_secrets))
    text = credentials.to_json()
    where = TokenStore().save(text)
    return SignIn(credentials, where, False, credentials.token), where


def _run_flow(client_secrets: Path, scopes: list[str], open_browser: bool,
              timeout_seconds: int) -> Any:
    import webbrowser

    from google_auth_oauthlib.flow import InstalledAppFlow

    try:
        flow = InstalledAppFlow.from_client_secrets_file(str(client_secrets), scopes=scopes)
    except (ValueError, KeyError, OSError) as exc:
        raise SignInError(f"{client_secrets}: not an OAuth client file for a desktop app ({exc})",
                          "download the JSON of an OAuth client of type Desktop app") from None
    prompt = "Sign in to YouTube in your browser; if it did not open, open this address:\n{url}"
    try:
        with _quiet_secret_loggers():
            try:
                return flow.run_local_server(
                    port=0, open_browser=open_browser, authorization_prompt_message=prompt,
                    success_message="ShopReel is signed in to YouTube. You can close this window.",
                    timeout_seconds=timeout_seconds)
            except webbrowser.Error:  # no browser here: the printed address still works
                return flow.run_local_server(port=0, open_browser=False,
                                             authorization_prompt_message=prompt,
                                             timeout_seconds=timeout_seconds)
    except Exception as exc:  # timeout, access denied, bad answer: never a traceback
        raise SignInError(f"sign-in did not complete ({_flow_problem(exc, timeout_seconds)})",
                          "run `shopreel youtube login` again and allow access in the browser"
                          ) from None


@contextlib.contextmanager
def _quiet_secret_loggers() -> Iterator[None]:
    """requests-oauthlib logs the token answer and the client secret at DEBUG level; an app that
    logs everything (a GUI's debug log) must not get them, so those loggers say nothing below
    WARNING while the flow runs."""
    loggers = [logging.getLogger(name) for name in ("requests_oauthlib", "oauthlib")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _flow_problem(exc: Exception, timeout_seconds: int) -> str:
    name = type(exc).__name__
    if name == "WSGITimeoutError":
        return f"no answer from the browser within {timeout_seconds} s"
    if name == "AccessDeniedError" or "access_denied" in str(exc):
        return "access was denied in the browser"
    return f"{name}: {exc}"


def logout() -> bool:
    """Forget the stored sign-in (keyring entry and file). True if there was one."""
    return TokenStore().delete()

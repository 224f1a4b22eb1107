"""YouTube sign-in: the real loopback OAuth flow (google-auth-oauthlib, PKCE) against the fake
server's consent and token endpoints, where the credentials are kept (keyring, else a 0600 file),
and that no token ever shows up in logs or output."""

from __future__ import annotations

import base64
import json
import logging
import os
import stat
import subprocess
import sys
import threading
import urllib.request
import webbrowser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
from fake_youtube import CHANNEL, SCOPE_UPLOAD, SCOPE_YOUTUBE, FakeYouTube, youtube_fixture  # noqa: F401
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from shopreel.publish.youtube_auth import TokenStore, config_dir, load_sign_in, login, logout
from shopreel.publish.youtube_client import YouTubeClient
from shopreel.publish.youtube_errors import SignInError
from shopreel.publish.youtube_metadata import VideoMetadata
from shopreel.publish.youtube_upload import upload_video

SHOPREEL = [sys.executable, "-m", "shopreel.app"]


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in (the developer's own keyring is never touched)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def signed_out(youtube: FakeYouTube, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No sign-in yet, and the client-secrets file of a Desktop-app OAuth client; returns it."""
    monkeypatch.delenv("SHOPREEL_YOUTUBE_CREDENTIALS")
    # The fake's token endpoint is plain HTTP on 127.0.0.1; Google's is HTTPS.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    path = tmp_path / "client_secret.json"
    path.write_text(json.dumps(youtube.client_secrets()))
    return path


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A browser whose user agrees on the consent screen: it opens the authorization address and
    follows its redirect to ShopReel's loopback server. Returns the addresses opened."""
    opened: list[str] = []

    class Browser:
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(url)
            threading.Thread(target=lambda: urllib.request.urlopen(url, timeout=10).read(),
                             daemon=True).start()
            return True

    monkeypatch.setattr(webbrowser, "get", lambda using=None: Browser())
    return opened


def video_file(tmp_path: Path) -> Path:
    path = tmp_path / "v.mp4"
    path.write_bytes(os.urandom(300_000))
    return path


def upload(tmp_path: Path) -> Any:
    job = upload_video(YouTubeClient(load_sign_in()), video_file(tmp_path),
                       VideoMetadata(title="Äpfel", made_for_kids=False))
    while True:
        try:
            next(job)
        except StopIteration as finished:
            return finished.value


def test_login_runs_the_loopback_flow_with_pkce_and_keeps_the_token_in_a_private_file(
        youtube: FakeYouTube, signed_out: Path, browser: list[str], tmp_path: Path) -> None:
    sign_in, where = login(signed_out)
    token_file = config_dir() / "youtube-token.json"
    assert where == str(token_file)
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    stored = json.loads(token_file.read_text())
    assert stored["refresh_token"] in youtube.refresh and stored["scopes"] == [SCOPE_UPLOAD]
    (address,) = browser
    query = parse_qs(urlsplit(address).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["redirect_uri"][0].startswith("http://localhost:")  # loopback, not copy-paste
    assert query["scope"] == [SCOPE_UPLOAD]  # upload only: no playlist was asked for
    # The stored sign-in uploads; the client file's path was remembered for the next login.
    result = upload(tmp_path)
    assert result.video_id in youtube.videos
    login()
    assert len(browser) == 2
    settings = json.loads((config_dir() / "youtube.json").read_text())
    assert settings["client_secrets"] == str(signed_out)
    assert not any(secret in json.dumps(settings) for secret in youtube.secrets_seen())


def test_login_for_playlists_asks_for_the_youtube_scope_and_status_names_the_channel(
        youtube: FakeYouTube, signed_out: Path, browser: list[str]) -> None:
    sign_in, _ = login(signed_out, playlists=True)
    assert set(parse_qs(urlsplit(browser[0]).query)["scope"][0].split()) == {SCOPE_UPLOAD,
                                                                              SCOPE_YOUTUBE}
    done = subprocess.run([*SHOPREEL, "youtube", "status"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"Signed in to YouTube as {CHANNEL['title']} ({CHANNEL['id']})" in done.stdout
    assert "uploads and playlists" in done.stdout


def test_status_with_upload_access_names_the_channel_of_the_last_upload(
        youtube: FakeYouTube, signed_out: Path, browser: list[str], tmp_path: Path) -> None:
    login(signed_out)
    status = [*SHOPREEL, "youtube", "status"]
    before = subprocess.run(status, capture_output=True, text=True, timeout=60)
    assert before.returncode == 0 and "named after the first upload" in before.stdout
    assert "uploads only" in before.stdout
    upload(tmp_path)
    after = subprocess.run(status, capture_output=True, text=True, timeout=60)
    assert f"as {CHANNEL['title']} ({CHANNEL['id']}, as of the last upload)" in after.stdout


def test_status_and_upload_without_sign_in_say_what_to_do(signed_out: Path) -> None:
    done = subprocess.run([*SHOPREEL, "youtube", "status"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == ("shopreel: error: not signed in to YouTube: run `shopreel "
                                   "youtube login` (once), or set SHOPREEL_YOUTUBE_CREDENTIALS "
                                   "to a credentials file")
    with pytest.raises(SignInError, match="no OAuth client file yet"):
        login()


def test_a_denied_consent_or_no_answer_is_a_clear_error(
        youtube: FakeYouTube, signed_out: Path, browser: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    youtube.faults.deny_consent = True
    with pytest.raises(SignInError, match="access was denied in the browser"):
        login(signed_out)
    monkeypatch.setattr(webbrowser, "get", lambda using=None: type(
        "Idle", (), {"open": lambda *_, **__: True})())
    with pytest.raises(SignInError, match="no answer from the browser within 1 s"):
        login(signed_out, timeout_seconds=1)
    assert TokenStore().load() is None


def test_the_keyring_is_used_when_there_is_one(
        youtube: FakeYouTube, signed_out: Path, browser: list[str], tmp_path: Path) -> None:
    TokenStore().save(json.dumps(youtube.grant()))  # an earlier fallback file ...
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    sign_in, where = login(signed_out)
    assert where == "the system keyring"
    assert not (config_dir() / "youtube-token.json").exists()  # ... does not outlive it
    (text,) = memory.items.values()
    assert json.loads(text)["refresh_token"] in youtube.refresh
    assert load_sign_in().source == "the system keyring"
    assert upload(tmp_path).video_id in youtube.videos
    assert logout() and memory.items == {} and not logout()


def test_a_refreshed_token_is_stored_again_still_private(
        youtube: FakeYouTube, signed_out: Path, tmp_path: Path) -> None:
    TokenStore().save(json.dumps(youtube.grant(expired=True)))
    token_file = config_dir() / "youtube-token.json"
    before = json.loads(token_file.read_text())["token"]
    upload(tmp_path)
    assert len(youtube.requests("token")) == 1
    after = json.loads(token_file.read_text())["token"]
    assert after != before and after in youtube.access
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600


def test_no_token_appears_in_logs_or_verbose_output(
        youtube: FakeYouTube, signed_out: Path, browser: list[str], tmp_path: Path,
        caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, the client libraries' included
    login(signed_out)
    TokenStore().save(json.dumps(youtube.grant(expired=True)))  # so the upload refreshes ...
    youtube.faults.token_lifetime = 120  # ... and so does every later run (google-auth renews early)
    upload(tmp_path)
    runs = [subprocess.run([*SHOPREEL, *args], capture_output=True, text=True, timeout=60)
            for args in (["youtube", "status", "-v"],
                         ["youtube", "upload", str(video_file(tmp_path)), "--not-for-kids", "-v",
                          "--again"],
                         ["youtube", "upload", str(video_file(tmp_path)), "--not-for-kids",
                          "--progress", "json", "-v", "--again"])]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    assert len(youtube.requests("token")) >= 4  # the login and each upload got new tokens
    seen = caplog.text + capsys.readouterr().out + "".join(r.stdout + r.stderr for r in runs)
    client = youtube.client_secrets()["installed"]
    basic = base64.b64encode(f"{client['client_id']}:{client['client_secret']}".encode()).decode()
    secrets = youtube.secrets_seen() | {client["client_secret"], basic}
    leaked = [secret for secret in secrets if secret in seen]
    assert leaked == []

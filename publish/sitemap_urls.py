"""The web addresses a sitemap holds: checked, written the way search engines expect, compared by site.

Sitemaps need absolute, escaped ``http(s)`` addresses (RFC 3986). Shop owners paste addresses
from the browser's address bar, where umlauts and spaces look unescaped, so those are escaped here
rather than refused.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote, urlsplit, urlunsplit

from shopreel.video.errors import PublishError

# sitemaps.org 0.9 schema, type tLoc.
MIN_URL_LENGTH, MAX_URL_LENGTH = 12, 2048
# Characters RFC 3986 allows unescaped in a path, query or fragment, plus "%" for those already
# escaped (so nothing is escaped twice).
_URL_SAFE = "/:@!$&'()*+,;=-._~%?#[]"
# Second-level labels under which a country's top-level domain sells names (shop.co.uk): a rough
# stand-in for the public-suffix list, good enough for a warning.
_SHARED_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"}
# An address that is already in its final form (the common case): checked without taking it apart,
# which keeps sitemaps of tens of thousands of entries quick.
_PLAIN_URL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::[0-9]{1,5})?"
                        r"/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?#\[\]]*")


def web_url(value: str, label: str) -> str:
    """``value`` as an absolute, escaped http(s) URL. Raises PublishError naming ``label``."""
    text = value.strip()
    if _PLAIN_URL.fullmatch(text) and MIN_URL_LENGTH <= len(text) <= MAX_URL_LENGTH:
        return text
    hint = "write the full address, like https://www.example.com/products/item"
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise PublishError(f"{label} {text!r}: is not a web address", hint) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise PublishError(f"{label} {text!r}: is not an absolute http(s) address", hint)
    if any(char.isspace() for char in host) or parts.username or parts.password:
        raise PublishError(f"{label} {text!r}: is not a usable web address", hint)
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise PublishError(f"{label} {text!r}: the domain name is not valid", hint) from None
    netloc = ascii_host if port is None else f"{ascii_host}:{port}"
    url = urlunsplit((parts.scheme.lower(), netloc, quote(parts.path or "/", safe=_URL_SAFE),
                      quote(parts.query, safe=_URL_SAFE), quote(parts.fragment, safe=_URL_SAFE)))
    if not MIN_URL_LENGTH <= len(url) <= MAX_URL_LENGTH:
        raise PublishError(f"{label} {text[:80]!r}: must be {MIN_URL_LENGTH} to {MAX_URL_LENGTH} "
                           f"characters long, not {len(url)}", "use a shorter address")
    return url


def host_of(url: str) -> str:
    """The lower-case host name of ``url`` (empty if it has none)."""
    return (urlsplit(url).hostname or "").lower()


def site_of(url: str) -> str:
    """The registrable domain of ``url`` (www.shop.co.uk -> shop.co.uk), roughly."""
    # Cached by the host part of the address: a big sitemap repeats a handful of hosts.
    return _site_of_netloc(url.partition("://")[2].partition("/")[0])


@functools.lru_cache(maxsize=256)
def _site_of_netloc(netloc: str) -> str:
    labels = host_of(f"//{netloc}").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SHARED_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(url: str, other: str) -> bool:
    """Whether two URLs belong to the same web site (media.shop.de and www.shop.de do)."""
    return site_of(url) == site_of(other)


def origin_of(url: str) -> str:
    """``https://host[:port]`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"

"""``embed-preview.html``: how the video looks on a product page, before anything is uploaded.

A plain mock-up of a shop's product page (the video next to the Buy button, where the seed
material says it sells best) with the real embed snippet in it, and the snippet again as text to
copy. One self-contained file: inline CSS, no scripts, fonts or images from elsewhere.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

from shopreel.publish.embed import VideoObject, embed_snippet
from shopreel.video.atomic import atomic_write_bytes

PREVIEW_NAME = "embed-preview.html"

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;
 background:#f5f5f7}
header{background:#fff;border-bottom:1px solid #e3e3e8;padding:14px 32px;font-weight:700;
 font-size:20px;letter-spacing:.02em}
main{max-width:1120px;margin:32px auto;padding:0 24px;display:grid;gap:32px;
 grid-template-columns:minmax(0,3fr) minmax(260px,2fr);align-items:start}
.media{background:#000;border-radius:12px;overflow:hidden;line-height:0;
 box-shadow:0 6px 24px rgba(0,0,0,.12)}
.media video{display:block;width:100%;height:auto}
.buy{background:#fff;border-radius:12px;padding:28px;box-shadow:0 2px 10px rgba(0,0,0,.06)}
h1{font-size:28px;line-height:1.2;margin:0 0 12px}
.price{font-size:26px;font-weight:700;margin:8px 0 20px}
.button{display:block;width:100%;border:0;border-radius:999px;padding:16px;font-size:18px;
 font-weight:700;color:#fff;background:#2e7d32;cursor:pointer}
.button:hover{background:#1b5e20}
.description{color:#444;white-space:pre-line}
details{grid-column:1/-1;background:#fff;border-radius:12px;padding:16px 24px}
summary{cursor:pointer;font-weight:600}
pre{overflow:auto;background:#f0f0f3;padding:16px;border-radius:8px;font-size:13px}
@media (max-width:760px){main{grid-template-columns:1fr}}
"""


def preview_html(video: VideoObject, *, shop_name: str = "", price: str = "",
                 buy_label: str = "Buy now", video_src: str | None = None,
                 poster_src: str | None = None, lang: str = "en") -> str:
    """The preview page as text. ``video_src``/``poster_src`` let it play local files (relative
    to the page) before upload; the snippet shown for copying always uses the public URLs.
    Raises PublishError for values the snippet cannot carry."""
    public = embed_snippet(video)
    shown = embed_snippet(video, video_src=video_src, poster_src=poster_src)
    title = video.name.strip()
    text = html.escape
    price_line = f'<p class="price">{text(price)}</p>' if price else ""
    return f"""<!DOCTYPE html>
<html lang="{text(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{text(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>{text(shop_name or "Your shop")}</header>
<main>
<div class="media">
{shown}</div>
<section class="buy">
<h1>{text(title)}</h1>
{price_line}
<button class="button" type="button">{text(buy_label)}</button>
<p class="description">{text(video.description.strip())}</p>
</section>
<details>
<summary>Embed code for the product page</summary>
<pre><code>{text(public)}</code></pre>
</details>
</main>
</body>
</html>
"""


def write_preview(folder: Path, video: VideoObject, *, local_video: Path | None = None,
                  local_thumbnail: Path | None = None, shop_name: str = "", price: str = "",
                  buy_label: str = "Buy now", lang: str = "en") -> Path:
    """Write ``embed-preview.html`` into ``folder`` (atomically) and return its path.

    With ``local_video``/``local_thumbnail`` the preview plays the rendered files from disk, so
    it works before they are uploaded. Raises PublishError or OutputError.
    """
    target = folder / PREVIEW_NAME
    page = preview_html(
        video, shop_name=shop_name, price=price, buy_label=buy_label, lang=lang,
        video_src=_relative_link(local_video, folder) if local_video else None,
        poster_src=_relative_link(local_thumbnail, folder) if local_thumbnail else None)
    atomic_write_bytes(target, page.encode("utf-8"))
    return target


def _relative_link(file: Path, folder: Path) -> str:
    """A link from a page in ``folder`` to ``file``: relative, with forward slashes, escaped."""
    try:
        relative = os.path.relpath(file.absolute(), folder.absolute())
    except ValueError:  # another drive on Windows
        return file.absolute().as_uri()
    return quote(relative.replace(os.sep, "/"))

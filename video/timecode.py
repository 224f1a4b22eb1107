"""Times as users write them: seconds as numbers, or ``"m:ss.s"`` / ``"h:mm:ss.s"`` strings."""

from __future__ import annotations

import math
import re

_CLOCK_RE = re.compile(r"^(-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$")


def parse_time(value: object, *, allow_negative: bool = False) -> float:
    """Seconds from a number or a clock string. Raises ValueError with a message for the user."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("must be seconds (a number) or a time like \"1:02.5\"")
    if isinstance(value, str):
        text = value.strip()
        if match := _CLOCK_RE.match(text):
            sign, hours, minutes, seconds = match.groups()
            if float(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
                raise ValueError(f"{value!r} is not a valid time (seconds and minutes go to 59)")
            seconds_total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
            result = -seconds_total if sign else seconds_total
        else:
            try:
                result = float(text)
            except ValueError:
                raise ValueError(
                    f"{value!r} is not a time; write seconds (12.5) or \"m:ss.s\" (\"1:02.5\")"
                ) from None
    else:
        result = float(value)
    if not math.isfinite(result):
        raise ValueError("must be a finite number of seconds")
    if result < 0 and not allow_negative:
        raise ValueError("must not be negative")
    return result


def format_time(seconds: float) -> str:
    """``83.25`` -> ``"1:23.25"``; used in messages so users see the times they typed."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    minutes, rest = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    text = f"{rest:05.2f}".rstrip("0").rstrip(".") if rest % 1 else f"{int(rest):02d}"
    if len(text.split(".")[0]) < 2:
        text = "0" + text
    return f"{sign}{hours}:{minutes:02d}:{text}" if hours else f"{sign}{minutes}:{text}"

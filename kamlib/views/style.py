"""The course's colours, hatches and markers: Okabe–Ito colour-blind-safe, never colour alone.

Classes A/B/C run from dark to light (blue, sky blue, yellow) so their order survives
greyscale printing and colour-blindness; each also has its own hatch and marker. The BCG
quadrants use four other Okabe–Ito colours, each with a hatch. Widgets use the same colours
for their buttons, so a plot and a widget tell the same story.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

# Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable by most viewers.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
IMPOSSIBLE_COLOR = "#E4E4E4"
IMPOSSIBLE_HATCH = "xx"
GRID_LINE_COLOR = "#FFFFFF"
TEXT_DARK = "#1A1A1A"
TEXT_LIGHT = "#FFFFFF"


@dataclass(frozen=True)
class Mark:
    """How one category is drawn: fill colour, text colour on it, hatch and marker."""

    color: str
    text_color: str
    hatch: str
    marker: str


CLASS_MARKS = {
    "A": Mark(OKABE_ITO["blue"], TEXT_LIGHT, "", "o"),
    "B": Mark(OKABE_ITO["sky_blue"], TEXT_DARK, "//", "s"),
    "C": Mark(OKABE_ITO["yellow"], TEXT_DARK, "..", "^"),
    "VIP": Mark(OKABE_ITO["reddish_purple"], TEXT_DARK, "**", "*"),
}

QUADRANT_MARKS = {
    "star": Mark(OKABE_ITO["orange"], TEXT_DARK, "", "o"),
    "question_mark": Mark(OKABE_ITO["sky_blue"], TEXT_DARK, "..", "o"),
    "cash_cow": Mark(OKABE_ITO["bluish_green"], TEXT_LIGHT, "//", "o"),
    "dog": Mark(OKABE_ITO["vermillion"], TEXT_LIGHT, "xx", "o"),
}


class _SingleWeightFontFilter(logging.Filter):
    """Drop matplotlib's "Failed to find font weight bold" notice.

    Chinese fallback fonts such as WenQuanYi Micro Hei come in one weight; matplotlib then
    draws bold Chinese text in the regular weight, which is fine, but logs a warning on each
    plot that would show up as red text under every notebook cell.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("findfont: Failed to find font weight")


logging.getLogger("matplotlib.font_manager").addFilter(_SingleWeightFontFilter())

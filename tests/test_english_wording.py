"""English wording of the catalogue as an English reader expects it (found walking the app).

The walk through the English interface in a browser (every page and its non-default
states) found texts that were translated but written the Swedish way; each rule here is
one such finding, checked over every English text in the catalogue.
"""

from __future__ import annotations

import re

from est_geo.i18n import CATALOGUES

#: A number (or a placeholder for one) followed by a space before "%": Swedish style
#: ("90 %"); English writes "90%", as the app's own number formatting does ("+52.4%").
_SPACED_PERCENT = re.compile(r"(?:\d|\})[ \u00a0\u202f]%")


def _english_texts() -> dict[str, str]:
    return {key: entry["en"] for module in CATALOGUES for key, entry in module.MESSAGES.items()}


def test_english_percentages_have_no_space_before_the_sign() -> None:
    """'Hot spot, 90% confidence' on the legend but '(Gi*, 90 % or more)' in the summary
    and '95 % CI' in the evaluation table: English writes the sign right after the number."""
    spaced = {k: t for k, t in _english_texts().items() if _SPACED_PERCENT.search(t)}
    assert spaced == {}


def test_the_percentage_rule_finds_the_swedish_style() -> None:
    assert _SPACED_PERCENT.search("at the 95 % level")
    assert _SPACED_PERCENT.search("{share} %")
    assert not _SPACED_PERCENT.search("at the 95% level (+52.4%)")

"""Area codes of SCB's statistical units (DeSO, RegSO) and the DeSO → RegSO key.

A DeSO code is 9 characters: the 4-digit kommun code, the letter A, B or C (how urban the
area is), then 4 digits, e.g. ``0581C1290``. A RegSO code is the kommun code, ``R`` and 3
digits, e.g. ``0581R001``. A spreadsheet that lost a leading zero (``581C1290``) or has a
lower-case letter is the most common reason a DeSO table does not join; validating codes
on import names those rows instead of leaving areas silently empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from est_geo.core.errors import Problem, ValidationError
from est_geo.i18n import translate

__all__ = [
    "DESO_PATTERN",
    "REGSO_PATTERN",
    "AreaKey",
    "aggregate_upwards",
    "code_problems",
    "deso_problem",
    "is_deso",
]

DESO_PATTERN = re.compile(r"^\d{4}[ABC]\d{4}$")
REGSO_PATTERN = re.compile(r"^\d{4}R\d{3}$")


def is_deso(code: object) -> bool:
    """True for a well-formed DeSO code."""
    return isinstance(code, str) and bool(DESO_PATTERN.match(code))


def deso_reason(code: object) -> tuple[str, dict[str, object]] | None:
    """Why ``code`` is not a DeSO code, as a catalogue key and its values, or ``None``.

    A key, not a text, so the problem made of it reads in the reader's language.
    """
    if not isinstance(code, str) or not code.strip():
        return "indicators.code.deso_missing", {}
    text = code.strip()
    if DESO_PATTERN.match(text):
        return None
    if len(text) == 8 and re.match(r"^\d{3}[ABC]\d{4}$", text):
        return "indicators.code.deso_lost_zero", {}
    if re.match(r"^\d{4}[abc]\d{4}$", text):
        return "indicators.code.deso_lower_case", {}
    if len(text) != 9:
        return "indicators.code.deso_length", {"n": len(text)}
    return "indicators.code.deso_format", {}


def deso_problem(code: object, lang: str = "sv") -> str | None:
    """Why ``code`` is not a DeSO code (a reason an analyst can act on), or ``None``."""
    reason = deso_reason(code)
    return None if reason is None else translate(reason[0], lang, **reason[1])


def code_problems(codes: Sequence[object], level: str, *, field: str = "code") -> list[Problem]:
    """Problems of the codes of one area level (rows numbered from 1).

    DeSO and RegSO codes are checked against SCB's formats; every level needs unique,
    non-empty codes.
    """
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row, raw in enumerate(codes, start=1):
        code = "" if raw is None or (isinstance(raw, float) and raw != raw) else str(raw).strip()
        if not code:
            problems.append(Problem.keyed(row, field, "", "indicators.code.missing"))
            continue
        if level == "deso":
            reason = deso_reason(code)
            if reason:
                problems.append(Problem.keyed(row, field, code, reason[0], **reason[1]))
        elif level == "regso" and not REGSO_PATTERN.match(code):
            problems.append(Problem.keyed(row, field, code, "indicators.code.regso_format"))
        if code in seen:
            problems.append(
                Problem.keyed(row, field, code, "indicators.code.duplicate", first=seen[code])
            )
        seen.setdefault(code, row)
    return problems


@dataclass(frozen=True)
class AreaKey:
    """A validated child → parent key (e.g. DeSO → RegSO): every child has one parent.

    Attributes
    ----------
    parent_of
        Child code → parent code.
    parent_names
        Parent code → name, when the key table had names (RegSO names in SCB's key).
    """

    parent_of: dict[str, str]
    parent_names: dict[str, str]

    @classmethod
    def from_pairs(
        cls,
        children: Sequence[object],
        parents: Sequence[object],
        *,
        parent_names: Sequence[object] | None = None,
        child_level: str = "deso",
    ) -> AreaKey:
        """Validate and build the key; one ValidationError lists every bad row.

        A child listed twice with the same parent is accepted (SCB's keys repeat rows);
        with two different parents it is an error, because aggregation would count it
        twice.
        """
        problems = [
            p
            for p in code_problems(children, child_level, field="child")
            if p.key != "indicators.code.duplicate"
        ]
        parent_of: dict[str, str] = {}
        names: dict[str, str] = {}
        for row, (child, parent) in enumerate(zip(children, parents, strict=True), start=1):
            c = str(child).strip() if child is not None else ""
            p = str(parent).strip() if parent is not None and parent == parent else ""
            if not p:
                problems.append(Problem.keyed(row, "parent", "", "indicators.code.parent_missing"))
                continue
            if c in parent_of and parent_of[c] != p:
                problems.append(
                    Problem.keyed(
                        row, "child", c, "indicators.code.two_parents", first=parent_of[c], second=p
                    )
                )
            parent_of.setdefault(c, p)
            if parent_names is not None:
                name = parent_names[row - 1]
                if name is not None and name == name and str(name).strip():
                    names.setdefault(p, str(name).strip())
        if problems:
            raise ValidationError(problems, key="indicators.error.invalid_key")
        return cls(parent_of, names)


def aggregate_upwards(
    values: pd.DataFrame,
    key: AreaKey,
    *,
    how: str,
    weights: pd.Series | None = None,
) -> pd.DataFrame:
    """Aggregate indicator values of child areas to their parents, per period.

    Parameters
    ----------
    values
        Columns ``area_code, period, value`` and optionally ``n``.
    key
        Child → parent key.
    how
        ``"sum"`` for counts (population, reports); ``"weighted_mean"`` for rates and
        indexes, weighted by ``weights`` (aligned with ``values``; default the ``n``
        column). A mean of DeSO rates without weights would let a small DeSO count as
        much as a large one, so there is no unweighted mean.
    weights
        Weight per row for ``"weighted_mean"``.

    Returns
    -------
    DataFrame
        ``area_code, period, value, n, children`` per parent and period; ``n`` is the
        sum of the children's ``n`` (or weights), ``children`` how many child rows
        contributed. Children missing from the key raise, listing them all.
    """
    if how not in {"sum", "weighted_mean"}:
        raise ValueError(f"how must be 'sum' or 'weighted_mean', got {how!r}")
    frame = values.copy()
    frame["area_code"] = frame["area_code"].astype(str)
    unknown = sorted(set(frame["area_code"]) - set(key.parent_of))
    if unknown:
        raise ValidationError(
            [Problem.keyed(None, "area_code", c, "indicators.code.not_in_key") for c in unknown],
            key="indicators.error.codes_without_parent",
        )
    frame["parent"] = frame["area_code"].map(key.parent_of)
    if how == "sum":
        n = frame["n"] if "n" in frame.columns else pd.Series(float("nan"), index=frame.index)
        frame["_n"] = pd.to_numeric(n, errors="coerce")
        out = frame.groupby(["parent", "period"], sort=True).agg(
            value=("value", "sum"),
            n=("_n", lambda s: s.sum(min_count=1)),
            children=("value", "size"),
        )
    else:
        w = weights if weights is not None else frame.get("n")
        if w is None:
            raise ValueError("weighted_mean needs weights or an 'n' column")
        frame["_w"] = pd.to_numeric(pd.Series(w, index=frame.index), errors="coerce")
        if frame["_w"].isna().any() or (frame["_w"] < 0).any():
            bad = frame.loc[frame["_w"].isna() | (frame["_w"] < 0), "area_code"].tolist()
            raise ValidationError(
                [Problem.keyed(None, "n", c, "indicators.code.bad_weight") for c in bad],
                key="indicators.error.cannot_weigh",
            )
        frame["_wv"] = frame["_w"] * frame["value"]
        g = frame.groupby(["parent", "period"], sort=True)
        out = g.agg(wv=("_wv", "sum"), n=("_w", "sum"), children=("value", "size"))
        out["value"] = out["wv"] / out["n"].where(out["n"] > 0)
        out = out.drop(columns="wv")
    out = out.reset_index().rename(columns={"parent": "area_code"})
    return out[["area_code", "period", "value", "n", "children"]]


def unique_codes(codes: Iterable[object]) -> list[str]:
    """Distinct non-empty codes as stripped text, in first-seen order."""
    return list(dict.fromkeys(str(c).strip() for c in codes if c is not None and str(c).strip()))

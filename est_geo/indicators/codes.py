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


def deso_problem(code: object) -> str | None:
    """Why ``code`` is not a DeSO code (a reason an analyst can act on), or ``None``."""
    if not isinstance(code, str) or not code.strip():
        return "DeSO-kod saknas"
    text = code.strip()
    if DESO_PATTERN.match(text):
        return None
    if len(text) == 8 and re.match(r"^\d{3}[ABC]\d{4}$", text):
        return "8 tecken: kommunkoden har tappat sin inledande nolla"
    if re.match(r"^\d{4}[abc]\d{4}$", text):
        return "bokstaven ska vara versal (A, B eller C)"
    if len(text) != 9:
        return f"{len(text)} tecken; en DeSO-kod har 9 (4 siffror, A/B/C, 4 siffror)"
    return "formatet är 4 siffror (kommunkod), A/B/C och 4 siffror, t.ex. 0581C1290"


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
            problems.append(Problem(row, field, "", "kod saknas"))
            continue
        if level == "deso":
            reason = deso_problem(code)
            if reason:
                problems.append(Problem(row, field, code, reason))
        elif level == "regso" and not REGSO_PATTERN.match(code):
            problems.append(
                Problem(row, field, code, "RegSO-kod har formatet 4 siffror, R, 3 siffror")
            )
        if code in seen:
            problems.append(
                Problem(
                    row, field, code, f"koden förekommer flera gånger (först på rad {seen[code]})"
                )
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
            if "flera" not in p.reason
        ]
        parent_of: dict[str, str] = {}
        names: dict[str, str] = {}
        for row, (child, parent) in enumerate(zip(children, parents, strict=True), start=1):
            c = str(child).strip() if child is not None else ""
            p = str(parent).strip() if parent is not None and parent == parent else ""
            if not p:
                problems.append(Problem(row, "parent", "", "överordnad kod saknas"))
                continue
            if c in parent_of and parent_of[c] != p:
                problems.append(
                    Problem(row, "child", c, f"har två överordnade koder ({parent_of[c]}, {p})")
                )
            parent_of.setdefault(c, p)
            if parent_names is not None:
                name = parent_names[row - 1]
                if name is not None and name == name and str(name).strip():
                    names.setdefault(p, str(name).strip())
        if problems:
            raise ValidationError(problems, "Ogiltig kodnyckel")
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
            [Problem(None, "area_code", c, "saknas i kodnyckeln") for c in unknown],
            "Koder utan överordnat område",
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
                [Problem(None, "n", c, "vikt saknas eller är negativ") for c in bad],
                "Kan inte väga samman värden",
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

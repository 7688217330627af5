"""The verdict: outcome, headline and the plain-language sentences about a result.

Every sentence here must hold for every input (property tests). Never imports
streamlit.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from est_geo.i18n import translate
from est_geo.i18n.numbers import number, percent
from est_geo.interventions.evaluation._counts import _Z_CRIT, COMPARABLE_FACTOR, Counts
from est_geo.interventions.evaluation._result import EvaluationResult
from est_geo.interventions.evaluation._statistics import (
    _Normal,
    _percent_change,
    _Ratio,
    _relative_effect,
    _warnings,
    _Wdq,
    _wdq,
)

__all__ = [
    "comparable",
    "headline",
    "reason_text",
    "verdict",
    "warning_texts",
    "wdq_band_label",
]


# --------------------------------------------------------------------------- verdict


def _change(before: int, after: int, lang: str) -> str:
    """'från 40 till 30 brott (−25,0 %)' / 'from 40 to 30 crimes (-25.0%)', with no verb."""
    pct = _percent_change(before, after)
    if pct is None:
        tail = ""  # no percentage of nothing
    elif pct == 0:
        tail = translate("evaluation.change.same", lang)
    else:
        tail = f" ({percent(pct / 100, lang, 1, signed=True)})"
    return translate("evaluation.change", lang, before=before, after=after, tail=tail)


def _target_change(before: int, after: int, lang: str = "sv") -> str:
    """What happened in the target itself, e.g. 'i målområdet ökade antalet brott från 12
    till 16 (+33,3 %)' — the absolute change, never relative to a control."""
    pct = _percent_change(before, after)
    tail = "" if pct is None else f" ({percent(pct / 100, lang, 1, signed=pct != 0)})"
    if after < before:
        key = "atgarder.outcome.target_fell"
    elif after > before:
        key = "atgarder.outcome.target_rose"
    else:
        key = "atgarder.outcome.target_same"
    return translate(key, lang, before=before, after=after, pct=tail)


def comparable(reference: int, other: int) -> tuple[float | None, bool]:
    """(``other / reference``, whether that is within :data:`COMPARABLE_FACTOR`).

    ``reference`` is the before-count of the area being controlled for (target or
    buffer), ``other`` its control's. With ``reference == 0`` there is no ratio and no
    control can be comparable in counts.
    """
    if reference == 0:
        return None, False
    ratio = other / reference
    return ratio, 1 / COMPARABLE_FACTOR <= ratio <= COMPARABLE_FACTOR


class _Comparability(NamedTuple):
    control_ratio: float | None
    control: bool
    buffer_ratio: float | None
    buffer: bool


def _comparability(c: Counts) -> _Comparability:
    dc_before, _ = c.effective_buffer_control
    c_ratio, c_ok = comparable(c.target_before, c.control_before)
    b_ratio, b_ok = comparable(c.buffer_before, dc_before)
    return _Comparability(c_ratio, c_ok, b_ratio, b_ok)


def _outcome(
    c: Counts, res: _Ratio, local: _Normal, small: bool, comp: _Comparability
) -> tuple[str, str]:
    """The meeting's reading and why: improved / no_clear_change / worsened.

    *Improved* needs all of: fewer crimes in the target itself, the RES 95 % interval
    above 1 (a rate comparison, valid for a control of any size), the local WDD interval
    below 0 when the control is comparable (so the WDD is reported), and no small-count
    warning. *Worsened* mirrors it. Anything else is *no clear change*, with the reason.
    """
    if small:
        return "no_clear_change", "small_counts"
    if res.ci_low is None or res.ci_high is None:
        return "no_clear_change", "no_comparison"
    better = res.ci_low > 1 and (not comp.control or local.ci_high < 0)
    worse = res.ci_high < 1 and (not comp.control or local.ci_low > 0)
    if better and c.target_after < c.target_before:
        return "improved", "significant"
    if worse and c.target_after > c.target_before:
        return "worsened", "significant"
    if better or worse:
        return "no_clear_change", "relative_only"
    return "no_clear_change", "not_significant"


def headline(
    outcome: str, reason: str, target_before: int, target_after: int, *, lang: str = "sv"
) -> str:
    """The one-line reading for the meeting, e.g. 'Ingen tydlig förändring: i
    målområdet ökade antalet brott från 12 till 16 (+33,3 %); skillnaden mot
    kontrollområdets utveckling är inte statistiskt säker.'

    It names the outcome (with its confidence when it is one of the sure ones), then what
    happened in the target itself, then why; ``lang`` is ``"sv"`` or ``"en"``.
    """
    label = translate(f"atgarder.outcome.{outcome}", lang)
    if reason == "significant":
        label += translate("atgarder.outcome.sure", lang)
        why = translate(f"atgarder.outcome.why.{outcome}", lang)
    elif reason == "relative_only":
        side = "better" if target_after >= target_before else "worse"
        why = translate(f"atgarder.outcome.why.relative_{side}", lang)
    else:
        why = translate(f"atgarder.outcome.why.{reason}", lang)
    return f"{label}: {_target_change(target_before, target_after, lang)}; {why}."


def _area(name: str, lang: str) -> str:
    """An area as the sentences name it: 'målområdet' / 'the target area'."""
    return translate(f"evaluation.area.{name}", lang)


def _opening(text: str) -> str:
    """``text`` with its first letter in capitals, the rest untouched."""
    return text[0].upper() + text[1:]


def _mismatch(control: str, area: str, ratio: float | None, lang: str) -> str:
    """Why a control is not comparable in counts, in one sentence.

    ``control`` and ``area`` are :func:`_area` names (``"control"``, ``"target"``, …).
    """
    control_text, area_text = _area(control, lang), _area(area, lang)
    if ratio is None:
        return translate(
            "evaluation.mismatch.none_before",
            lang,
            area=_opening(area_text),
            control=control_text,
        )
    if ratio == 0:
        return translate(
            "evaluation.mismatch.control_none",
            lang,
            control=_opening(control_text),
            area=area_text,
        )
    return translate(
        "evaluation.mismatch.ratio",
        lang,
        control=_opening(control_text),
        ratio=number(ratio, lang),
        area=area_text,
        factor=number(COMPARABLE_FACTOR, lang, digits=0),
    )


def _sure(z: float | None, lang: str) -> str:
    key = "evaluation.sure" if z is not None and abs(z) > _Z_CRIT else "evaluation.not_sure"
    return translate(key, lang)


def _fewer_or_more(estimate: float, lang: str) -> str:
    return translate("evaluation.fewer" if estimate < 0 else "evaluation.more", lang)


def _wdd_sentences(total: _Normal, local: _Normal, comp: _Comparability, lang: str) -> list[str]:
    """The WDD findings, or — for a control of another size — why there are none."""
    if not comp.control:
        return [
            _mismatch("control", "target", comp.control_ratio, lang)
            + translate("evaluation.wdd.not_reported", lang)
        ]
    if local.estimate == 0:
        s = [translate("evaluation.wdd.local_same", lang)]
    else:
        s = [
            translate(
                "evaluation.wdd.local",
                lang,
                n=abs(local.estimate),
                word=_fewer_or_more(local.estimate, lang),
                sure=_sure(local.z, lang),
            )
        ]
    if not comp.buffer:
        s.append(
            _mismatch("buffer_control", "buffer", comp.buffer_ratio, lang)
            + translate("evaluation.wdd.total_not_reported", lang)
        )
    elif total.z is not None:
        inside = "excludes_0" if abs(total.z) > _Z_CRIT else "contains_0"
        s.append(
            translate(
                "evaluation.wdd.total",
                lang,
                n=abs(total.estimate),
                word=_fewer_or_more(total.estimate, lang),
                wdd=number(total.estimate, lang, digits=0),
                low=number(total.ci_low, lang),
                high=number(total.ci_high, lang),
                inside=translate(f"evaluation.wdd.{inside}", lang),
                z=number(total.z, lang, digits=2),
                sure=_sure(total.z, lang),
            )
        )
    return s


def _res_sentences(c: Counts, res: _Ratio, net_effect: float | None, lang: str) -> list[str]:
    """The rate comparison: what the target would have had on the control's trend."""
    if res.value is None or net_effect is None or res.ci_low is None or res.ci_high is None:
        return [translate("evaluation.res.none", lang)]
    expected = c.target_before * c.control_after / c.control_before
    if net_effect == 0:
        how = translate("evaluation.res.as_many", lang)
    else:
        share = percent(abs(net_effect) / 100, lang, digits=1)
        key = "evaluation.res.fewer" if net_effect < 0 else "evaluation.res.more"
        how = translate(key, lang, share=share)
    sure = res.ci_low > 1 or res.ci_high < 1
    return [
        translate(
            "evaluation.res",
            lang,
            expected=number(expected, lang),
            after=c.target_after,
            how=how,
            res=number(res.value, lang, digits=2),
            low=number(res.ci_low, lang, digits=2),
            high=number(res.ci_high, lang, digits=2),
            sure=translate("evaluation.res.sure" if sure else "evaluation.res.not_sure", lang),
        )
    ]


def _buffer_sentences(disp: _Normal, wdq: _Wdq, comp: _Comparability, lang: str) -> list[str]:
    """Displacement or diffusion: WDQ (a rate measure) or, failing that, the counts."""
    if wdq.band is not None and wdq.value is not None:
        sentence = translate(
            "evaluation.wdq.sentence",
            lang,
            band=translate(f"evaluation.wdq.{wdq.band}", lang),
            wdq=number(wdq.value, lang, digits=2),
        )
        if wdq.band != "no_displacement_or_diffusion":
            if not comp.buffer:
                sentence += translate("evaluation.wdq.buffer_not_comparable", lang)
            elif disp.z is None or abs(disp.z) <= _Z_CRIT:
                sentence += translate("evaluation.wdq.buffer_not_sure", lang)
        return [sentence]
    if not comp.buffer:
        return []
    if disp.estimate > 0:
        text = translate("evaluation.buffer.more", lang, n=disp.estimate)
        if wdq.success is not None and wdq.success > 0:
            text += translate("evaluation.buffer.not_displacement", lang)
        return [text + "."]
    if disp.estimate < 0:
        return [translate("evaluation.buffer.fewer", lang, n=-disp.estimate)]
    return [translate("evaluation.buffer.same", lang)]


def _verdict(
    c: Counts,
    total: _Normal,
    local: _Normal,
    disp: _Normal,
    wdq: _Wdq,
    res: _Ratio,
    net_effect: float | None,
    small: bool,
    comp: _Comparability,
    lang: str = "sv",
) -> str:
    """Plain-language summary in ``lang``, the target's own change first.

    Order: what happened in the target itself (never relative); the buffer's and the
    control's counts; the count comparison (WDD) only for comparable controls, else why
    not; the rate comparison (RES); displacement (WDQ); caveats.
    """
    s: list[str] = [
        _opening(_target_change(c.target_before, c.target_after, lang)) + ".",
        translate(
            "evaluation.zones",
            lang,
            buffer=_change(c.buffer_before, c.buffer_after, lang),
            control=_change(c.control_before, c.control_after, lang),
        ),
    ]
    s += _wdd_sentences(total, local, comp, lang)
    s += _res_sentences(c, res, net_effect, lang)
    s += _buffer_sentences(disp, wdq, comp, lang)
    if total.z is None:
        s.append(translate("evaluation.no_crimes", lang))
    if c.buffer_control_from_control:
        s.append(translate("evaluation.buffer_control_from_control", lang))
    if small:
        s.append(translate("evaluation.small_counts", lang))
    s.append(translate("evaluation.not_causal", lang))
    return " ".join(s)


def wdq_band_label(band: str, lang: str = "sv") -> str:
    """A WDQ band of [G2009]_ appendix C as a short label, e.g. 'varken förflyttning eller
    spridning' / 'neither displacement nor diffusion'."""
    return translate(f"evaluation.wdq_band.{band}", lang)


def _counts_of(r: EvaluationResult) -> Counts:
    """The counts ``r`` was evaluated from (no buffer control when it borrowed the control)."""
    return Counts(
        r.target_before,
        r.target_after,
        r.control_before,
        r.control_after,
        r.buffer_before,
        r.buffer_after,
        None if r.buffer_control_from_control else r.buffer_control_before,
        None if r.buffer_control_from_control else r.buffer_control_after,
    )


def warning_texts(r: EvaluationResult, lang: str = "sv") -> tuple[str, ...]:
    """``r.warnings`` in ``lang`` (the result keeps them in Swedish for JSON and the CLI)."""
    return tuple(_warnings(_counts_of(r), lang))


def reason_text(r: EvaluationResult, measure: str, lang: str = "sv") -> str | None:
    """Why ``measure`` (``wdq``, ``res``, ``res_total``, ``gross_effect``) is undefined for
    ``r``, in ``lang``; ``None`` when it is defined (the Swedish is ``r.<measure>_reason``)."""
    c = _counts_of(r)
    if measure == "wdq":
        return _wdq(c, lang).reason
    if measure == "res":
        return _relative_effect(
            c.target_before, c.target_after, c.control_before, c.control_after, lang
        ).reason
    if measure == "res_total":
        return _relative_effect(
            c.target_before + c.buffer_before,
            c.target_after + c.buffer_after,
            c.control_before,
            c.control_after,
            lang,
        ).reason
    if measure == "gross_effect":
        return None if c.target_before else translate("evaluation.reason.gross_effect", lang)
    raise ValueError(f"no reason for measure {measure!r}")


def verdict(r: EvaluationResult, lang: str = "sv") -> str:
    """The plain-language verdict on ``r`` in ``lang`` (``"sv"`` or ``"en"``).

    ``r.verdict_sv`` is this in Swedish; the statistics the sentences need are read back
    from the result, so a stored result is told in the reader's language without being
    evaluated again.
    """
    counts = _counts_of(r)
    success = None if r.wdq_success_measure is None else Fraction(r.wdq_success_measure)
    return _verdict(
        counts,
        _Normal(r.wdd, r.wdd_se, r.wdd_z, r.wdd_ci_low, r.wdd_ci_high, r.wdd_p),
        _Normal(
            r.wdd_local,
            r.wdd_local_se,
            r.wdd_local_z,
            r.wdd_local_ci_low,
            r.wdd_local_ci_high,
            r.wdd_local_p,
        ),
        _Normal(
            r.wdd_displacement,
            r.wdd_displacement_se,
            r.wdd_displacement_z,
            r.wdd_displacement_ci_low,
            r.wdd_displacement_ci_high,
            r.wdd_displacement_p,
        ),
        _Wdq(r.wdq, r.wdq_reason, r.wdq_band, success, None),
        _Ratio(r.res, r.res_ci_low, r.res_ci_high, r.res_p, r.res_reason, None),
        r.net_effect,
        r.small_counts,
        _Comparability(
            r.control_ratio,
            r.control_comparable,
            r.buffer_control_ratio,
            r.buffer_control_comparable,
        ),
        lang,
    )

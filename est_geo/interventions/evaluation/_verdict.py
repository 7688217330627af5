"""The verdict: outcome, headline and the plain-language sentences about a result.

Every sentence here must hold for every input (property tests). Never imports
streamlit.
"""

from __future__ import annotations

from typing import NamedTuple

from est_geo.i18n import translate
from est_geo.i18n.numbers import number, percent
from est_geo.interventions.evaluation._counts import _Z_CRIT, COMPARABLE_FACTOR, Counts
from est_geo.interventions.evaluation._statistics import _Normal, _percent_change, _Ratio, _Wdq

__all__ = [
    "comparable",
    "headline",
]


# --------------------------------------------------------------------------- verdict


def _change_sv(before: int, after: int) -> str:
    """'från 40 till 30 brott (−25,0 %)' in Swedish, with no verb (the caller adds none)."""
    pct = _percent_change(before, after)
    if pct is None:
        tail = ""  # no percentage of nothing
    elif pct == 0:
        tail = ", oförändrat"
    else:
        tail = f" ({percent(pct / 100, digits=1, signed=True)})"
    return f"från {before} till {after} brott{tail}"


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


_WDQ_SENTENCE_SV = {
    "diffusion_greater_than_direct_effect": (
        "Relativt kontrollområdet utvecklades även buffertområdet bättre, och mer än "
        "målområdet: tecken på spridning av positiva effekter som är större än den direkta "
        "effekten"
    ),
    "diffusion": (
        "Relativt kontrollområdet utvecklades även buffertområdet bättre: tecken på "
        "spridning av positiva effekter, inte förflyttning"
    ),
    "no_displacement_or_diffusion": (
        "Buffertområdet utvecklades som kontrollområdet: inga tecken på förflyttning "
        "eller spridning"
    ),
    "displacement_less_than_direct_effect": (
        "En del brott verkar ha flyttat till buffertområdet, men färre än målområdet vann "
        "relativt kontrollområdet"
    ),
    "displacement_greater_than_direct_effect": (
        "Brott verkar ha flyttat till buffertområdet i större omfattning än vad "
        "målområdet vann relativt kontrollområdet: insatsen kan sammantaget ha slagit bakut"
    ),
}


def _mismatch_sv(control: str, area: str, ratio: float | None) -> str:
    """Why a control is not comparable in counts, in one Swedish sentence."""
    if ratio is None:
        return (
            f"{area.capitalize()} hade inga brott före åtgärden, så {control} kan inte vara "
            "jämförbart i antal."
        )
    if ratio == 0:
        return f"{control.capitalize()} hade inga brott före åtgärden, men {area} hade det."
    return (
        f"{control.capitalize()} hade {number(ratio)} gånger så många brott som {area} före "
        f"åtgärden (jämförbart: högst {number(COMPARABLE_FACTOR, digits=0)} gånger åt något håll)."
    )


def _sure_sv(z: float | None) -> str:
    return "statistiskt säkert" if z is not None and abs(z) > _Z_CRIT else "inte statistiskt säkert"


def _wdd_sentences(total: _Normal, local: _Normal, comp: _Comparability) -> list[str]:
    """The WDD findings, or — for a control of another size — why there are none."""
    if not comp.control:
        return [
            _mismatch_sv("kontrollområdet", "målområdet", comp.control_ratio)
            + " Skillnader i antal brott (WDD) mellan så olika områden säger inget om "
            "åtgärden och redovisas inte som resultat; jämförelsen bygger i stället på "
            "andelar (RES)."
        ]
    if local.estimate == 0:
        s = ["Räknat i antal (lokal WDD) förändrades målområdet lika mycket som kontrollområdet."]
    else:
        word = "färre" if local.estimate < 0 else "fler"
        s = [
            f"Räknat i antal (lokal WDD) blev det {abs(local.estimate)} brott {word} i "
            f"målområdet än kontrollområdets utveckling skulle ge ({_sure_sv(local.z)} på "
            "95 %-nivån)."
        ]
    if not comp.buffer:
        s.append(
            _mismatch_sv("buffertens kontroll", "buffertområdet", comp.buffer_ratio)
            + " Den sammanlagda WDD:n för mål- och buffertområdet redovisas därför inte."
        )
    elif total.z is not None:
        word = "färre" if total.estimate < 0 else "fler"
        inside = "inte innehåller 0" if abs(total.z) > _Z_CRIT else "innehåller 0"
        s.append(
            f"Sammantaget (mål- och buffertområde) blev det {abs(total.estimate)} brott "
            f"{word} än kontrollernas utveckling skulle ge: "
            f"WDD = {number(total.estimate, digits=0)}, "
            f"95 %-intervall {number(total.ci_low)} till {number(total.ci_high)}, som {inside} "
            f"(z = {number(total.z, digits=2)}), {_sure_sv(total.z)} på 95 %-nivån."
        )
    return s


def _res_sentences(c: Counts, res: _Ratio, net_effect: float | None) -> list[str]:
    """The rate comparison: what the target would have had on the control's trend."""
    if res.value is None or net_effect is None or res.ci_low is None or res.ci_high is None:
        return ["Jämförelsen i andelar (RES) går inte att beräkna: någon period har 0 brott."]
    expected = c.target_before * c.control_after / c.control_before
    if net_effect == 0:
        how = "precis så många"
    else:
        share = percent(abs(net_effect) / 100, digits=1)
        how = f"{share} {'färre' if net_effect < 0 else 'fler'} än så"
    sure = (
        "statistiskt säker på 95 %-nivån (RES-intervallet innehåller inte 1)"
        if res.ci_low > 1 or res.ci_high < 1
        else "inte statistiskt säker (RES-intervallet innehåller 1)"
    )
    return [
        f"Om målområdet hade följt kontrollområdets utveckling hade det haft "
        f"{number(expected)} brott efter åtgärden; det hade {c.target_after} brott, {how} "
        f"(RES = {number(res.value, digits=2)}, 95 %-intervall {number(res.ci_low, digits=2)}–"
        f"{number(res.ci_high, digits=2)}). Skillnaden är {sure}."
    ]


def _buffer_sentences(disp: _Normal, wdq: _Wdq, comp: _Comparability) -> list[str]:
    """Displacement or diffusion: WDQ (a rate measure) or, failing that, the counts."""
    if wdq.band is not None and wdq.value is not None:
        sentence = f"{_WDQ_SENTENCE_SV[wdq.band]}; WDQ = {number(wdq.value, digits=2)}."
        if wdq.band != "no_displacement_or_diffusion":
            if not comp.buffer:
                sentence += (
                    " Hur säker buffertens förändring är går inte att säga: buffertens "
                    "kontroll är inte jämförbar i antal."
                )
            elif disp.z is None or abs(disp.z) <= _Z_CRIT:
                sentence += " Buffertens förändring är dock inte statistiskt säker."
        return [sentence]
    if not comp.buffer:
        return []
    if disp.estimate > 0:
        text = f"Buffertområdet fick {disp.estimate} brott fler än sin kontroll"
        if wdq.success is not None and wdq.success > 0:
            text += (
                ", men eftersom målområdet inte utvecklades bättre än kontrollområdet kan "
                "det inte kallas förflyttning"
            )
        return [text + "."]
    if disp.estimate < 0:
        return [f"Buffertområdet fick {-disp.estimate} brott färre än sin kontroll."]
    return ["Buffertområdet förändrades som sin kontroll."]


def _verdict_sv(
    c: Counts,
    total: _Normal,
    local: _Normal,
    disp: _Normal,
    wdq: _Wdq,
    res: _Ratio,
    net_effect: float | None,
    small: bool,
    comp: _Comparability,
) -> str:
    """Plain-language Swedish summary, the target's own change first.

    Order: what happened in the target itself (never relative); the buffer's and the
    control's counts; the count comparison (WDD) only for comparable controls, else why
    not; the rate comparison (RES); displacement (WDQ); caveats.
    """
    first = _target_change(c.target_before, c.target_after)
    s: list[str] = [
        first[0].upper() + first[1:] + ".",
        f"Buffertområdet gick {_change_sv(c.buffer_before, c.buffer_after)} och "
        f"kontrollområdet {_change_sv(c.control_before, c.control_after)}.",
    ]
    s += _wdd_sentences(total, local, comp)
    s += _res_sentences(c, res, net_effect)
    s += _buffer_sentences(disp, wdq, comp)
    if total.z is None:
        s.append("Hur säkert resultatet är går inte att beräkna: det finns inga brott alls.")
    if c.buffer_control_from_control:
        s.append("Kontrollområdet användes även som jämförelse för buffertområdet.")
    if small:
        s.append(
            "Varning: antalen är för små för säkra slutsatser; se resultatet som en "
            "fingervisning, inte som belägg."
        )
    s.append("Jämförelsen visar samband i tid och rum, inte bevis för att insatsen var orsaken.")
    return " ".join(s)

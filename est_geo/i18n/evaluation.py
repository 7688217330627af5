"""The evaluation verdict's sentences and the WDQ bands, Swedish and English.

Each sentence is a template with its numbers as parameters (formatted by
:mod:`est_geo.i18n.numbers` before they go in), so both languages say the same thing
about the same result; tests/test_evaluation.py checks every sentence of both against
the counts for any input. English counts take the plural form with ``{n:crime|crimes}``.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    # the areas as the sentences name them (capitalised by the code where one opens)
    "evaluation.area.target": {"sv": "målområdet", "en": "the target area"},
    "evaluation.area.control": {"sv": "kontrollområdet", "en": "the control area"},
    "evaluation.area.buffer": {"sv": "buffertområdet", "en": "the buffer area"},
    "evaluation.area.buffer_control": {"sv": "buffertens kontroll", "en": "the buffer's control"},
    "evaluation.fewer": {"sv": "färre", "en": "fewer"},
    "evaluation.more": {"sv": "fler", "en": "more"},
    "evaluation.sure": {"sv": "statistiskt säkert", "en": "statistically significant"},
    "evaluation.not_sure": {
        "sv": "inte statistiskt säkert",
        "en": "not statistically significant",
    },
    # the buffer's and the control's own change, with no verb of rising or falling
    "evaluation.change": {
        "sv": "från {before} till {after} brott{tail}",
        "en": "from {before} to {after} {after:crime|crimes}{tail}",
    },
    "evaluation.change.same": {"sv": ", oförändrat", "en": ", unchanged"},
    "evaluation.zones": {
        "sv": "Buffertområdet gick {buffer} och kontrollområdet {control}.",
        "en": "The buffer area went {buffer} and the control area {control}.",
    },
    # a control of another size than the area it controls for
    "evaluation.mismatch.none_before": {
        "sv": "{area} hade inga brott före åtgärden, så {control} kan inte vara jämförbart i "
        "antal.",
        "en": "{area} had no crimes before the intervention, so {control} cannot be comparable "
        "in counts.",
    },
    "evaluation.mismatch.control_none": {
        "sv": "{control} hade inga brott före åtgärden, men {area} hade det.",
        "en": "{control} had no crimes before the intervention, but {area} did.",
    },
    "evaluation.mismatch.ratio": {
        "sv": "{control} hade {ratio} gånger så många brott som {area} före åtgärden "
        "(jämförbart: högst {factor} gånger åt något håll).",
        "en": "{control} had {ratio} times as many crimes as {area} before the intervention "
        "(comparable: at most {factor} times either way).",
    },
    "evaluation.wdd.not_reported": {
        "sv": " Skillnader i antal brott (WDD) mellan så olika områden säger inget om "
        "åtgärden och redovisas inte som resultat; jämförelsen bygger i stället på andelar "
        "(RES).",
        "en": " Differences in crime counts (WDD) between such different areas say nothing "
        "about the intervention and are not reported as a result; the comparison rests on "
        "rates (RES) instead.",
    },
    "evaluation.wdd.local_same": {
        "sv": "Räknat i antal (lokal WDD) förändrades målområdet lika mycket som kontrollområdet.",
        "en": "Counted in crimes (local WDD), the target area changed by as much as the "
        "control area.",
    },
    "evaluation.wdd.local": {
        "sv": "Räknat i antal (lokal WDD) blev det {n} brott {word} i målområdet än "
        "kontrollområdets utveckling skulle ge ({sure} på 95 %-nivån).",
        "en": "Counted in crimes (local WDD), the target area had {n} {word} {n:crime|crimes} "
        "than the control area's trend would give ({sure} at the 95% level).",
    },
    "evaluation.wdd.total_not_reported": {
        "sv": " Den sammanlagda WDD:n för mål- och buffertområdet redovisas därför inte.",
        "en": " The total WDD for the target and buffer areas is therefore not reported.",
    },
    "evaluation.wdd.total": {
        "sv": "Sammantaget (mål- och buffertområde) blev det {n} brott {word} än kontrollernas "
        "utveckling skulle ge: WDD = {wdd}, 95 %-intervall {low} till {high}, som {inside} "
        "(z = {z}), {sure} på 95 %-nivån.",
        "en": "Taken together (target and buffer area), there were {n} {word} "
        "{n:crime|crimes} than the controls' trend would give: WDD = {wdd}, 95% interval "
        "{low} to {high}, which {inside} (z = {z}), {sure} at the 95% level.",
    },
    "evaluation.wdd.contains_0": {"sv": "innehåller 0", "en": "contains 0"},
    "evaluation.wdd.excludes_0": {"sv": "inte innehåller 0", "en": "does not contain 0"},
    # the rate comparison
    "evaluation.res.none": {
        "sv": "Jämförelsen i andelar (RES) går inte att beräkna: någon period har 0 brott.",
        "en": "The rate comparison (RES) cannot be computed: some period has 0 crimes.",
    },
    "evaluation.res.as_many": {"sv": "precis så många", "en": "exactly that many"},
    "evaluation.res.fewer": {"sv": "{share} färre än så", "en": "{share} fewer than that"},
    "evaluation.res.more": {"sv": "{share} fler än så", "en": "{share} more than that"},
    "evaluation.res.sure": {
        "sv": "statistiskt säker på 95 %-nivån (RES-intervallet innehåller inte 1)",
        "en": "statistically significant at the 95% level (the RES interval does not contain 1)",
    },
    "evaluation.res.not_sure": {
        "sv": "inte statistiskt säker (RES-intervallet innehåller 1)",
        "en": "not statistically significant (the RES interval contains 1)",
    },
    "evaluation.res": {
        "sv": "Om målområdet hade följt kontrollområdets utveckling hade det haft {expected} "
        "brott efter åtgärden; det hade {after} brott, {how} (RES = {res}, 95 %-intervall "
        "{low}–{high}). Skillnaden är {sure}.",
        "en": "Had the target area followed the control area's trend, it would have had "
        "{expected} crimes after the intervention; it had {after} {after:crime|crimes}, {how} "
        "(RES = {res}, 95% interval {low}–{high}). The difference is {sure}.",
    },
    # displacement and diffusion (WDQ, bands of Guerette 2009 appendix C)
    "evaluation.wdq.sentence": {"sv": "{band}; WDQ = {wdq}.", "en": "{band}; WDQ = {wdq}."},
    "evaluation.wdq.diffusion_greater_than_direct_effect": {
        "sv": "Relativt kontrollområdet utvecklades även buffertområdet bättre, och mer än "
        "målområdet: tecken på spridning av positiva effekter som är större än den direkta "
        "effekten",
        "en": "Relative to the control area, the buffer area did better too, and more than "
        "the target area: signs of a diffusion of benefits larger than the direct effect",
    },
    "evaluation.wdq.diffusion": {
        "sv": "Relativt kontrollområdet utvecklades även buffertområdet bättre: tecken på "
        "spridning av positiva effekter, inte förflyttning",
        "en": "Relative to the control area, the buffer area did better too: signs of a "
        "diffusion of benefits, not displacement",
    },
    "evaluation.wdq.no_displacement_or_diffusion": {
        "sv": "Buffertområdet utvecklades som kontrollområdet: inga tecken på förflyttning "
        "eller spridning",
        "en": "The buffer area developed like the control area: no signs of displacement or "
        "diffusion",
    },
    "evaluation.wdq.displacement_less_than_direct_effect": {
        "sv": "En del brott verkar ha flyttat till buffertområdet, men färre än målområdet "
        "vann relativt kontrollområdet",
        "en": "Some crime seems to have moved to the buffer area, but less than the target "
        "area gained relative to the control area",
    },
    "evaluation.wdq.displacement_greater_than_direct_effect": {
        "sv": "Brott verkar ha flyttat till buffertområdet i större omfattning än vad "
        "målområdet vann relativt kontrollområdet: insatsen kan sammantaget ha slagit bakut",
        "en": "Crime seems to have moved to the buffer area to a larger extent than the "
        "target area gained relative to the control area: taken together the intervention "
        "may have backfired",
    },
    "evaluation.wdq.buffer_not_comparable": {
        "sv": " Hur säker buffertens förändring är går inte att säga: buffertens kontroll är "
        "inte jämförbar i antal.",
        "en": " How certain the buffer's change is cannot be said: the buffer's control is "
        "not comparable in counts.",
    },
    "evaluation.wdq.buffer_not_sure": {
        "sv": " Buffertens förändring är dock inte statistiskt säker.",
        "en": " The buffer's change is not statistically significant, though.",
    },
    "evaluation.buffer.more": {
        "sv": "Buffertområdet fick {n} brott fler än sin kontroll",
        "en": "The buffer area had {n} more {n:crime|crimes} than its control",
    },
    "evaluation.buffer.not_displacement": {
        "sv": ", men eftersom målområdet inte utvecklades bättre än kontrollområdet kan det "
        "inte kallas förflyttning",
        "en": ", but since the target area did not do better than the control area it cannot "
        "be called displacement",
    },
    "evaluation.buffer.fewer": {
        "sv": "Buffertområdet fick {n} brott färre än sin kontroll.",
        "en": "The buffer area had {n} fewer {n:crime|crimes} than its control.",
    },
    "evaluation.buffer.same": {
        "sv": "Buffertområdet förändrades som sin kontroll.",
        "en": "The buffer area changed like its control.",
    },
    # caveats
    "evaluation.no_crimes": {
        "sv": "Hur säkert resultatet är går inte att beräkna: det finns inga brott alls.",
        "en": "How certain the result is cannot be computed: there are no crimes at all.",
    },
    "evaluation.buffer_control_from_control": {
        "sv": "Kontrollområdet användes även som jämförelse för buffertområdet.",
        "en": "The control area was also used as the comparison for the buffer area.",
    },
    "evaluation.small_counts": {
        "sv": "Varning: antalen är för små för säkra slutsatser; se resultatet som en "
        "fingervisning, inte som belägg.",
        "en": "Warning: the counts are too small for firm conclusions; read the result as a "
        "hint, not as evidence.",
    },
    "evaluation.not_causal": {
        "sv": "Jämförelsen visar samband i tid och rum, inte bevis för att insatsen var orsaken.",
        "en": "The comparison shows an association in time and place, not proof that the "
        "intervention was the cause.",
    },
    # the WDQ bands as a short label (the result's table, the CLI)
    "evaluation.wdq_band.diffusion_greater_than_direct_effect": {
        "sv": "spridning av positiva effekter, större än den direkta effekten",
        "en": "diffusion of benefits, larger than the direct effect",
    },
    "evaluation.wdq_band.diffusion": {
        "sv": "spridning av positiva effekter till buffertområdet",
        "en": "diffusion of benefits to the buffer area",
    },
    "evaluation.wdq_band.no_displacement_or_diffusion": {
        "sv": "varken förflyttning eller spridning",
        "en": "neither displacement nor diffusion",
    },
    "evaluation.wdq_band.displacement_less_than_direct_effect": {
        "sv": "viss förflyttning, men mindre än den direkta vinsten",
        "en": "some displacement, but less than the direct gain",
    },
    "evaluation.wdq_band.displacement_greater_than_direct_effect": {
        "sv": "förflyttning större än den direkta vinsten (insatsen slog bakut)",
        "en": "displacement larger than the direct gain (the intervention backfired)",
    },
    # the result table on the Åtgärder page
    "evaluation.table.col.measure": {"sv": "Mått", "en": "Measure"},
    "evaluation.table.col.value": {"sv": "Värde", "en": "Value"},
    "evaluation.table.col.se": {"sv": "SE", "en": "SE"},
    "evaluation.table.col.z": {"sv": "z", "en": "z"},
    "evaluation.table.col.ci": {"sv": "95 %-KI", "en": "95% CI"},
    "evaluation.table.col.p": {"sv": "p", "en": "p"},
    "evaluation.table.col.note": {"sv": "Tolkning", "en": "Reading"},
    "evaluation.table.ci": {"sv": "{low} till {high}", "en": "{low} to {high}"},
    "evaluation.table.wdd": {"sv": "WDD totalt", "en": "WDD total"},
    "evaluation.table.wdd_local": {
        "sv": "WDD lokalt (mål − kontroll)",
        "en": "WDD local (target − control)",
    },
    "evaluation.table.wdd_displacement": {
        "sv": "WDD förflyttning (buffert − kontroll)",
        "en": "WDD displacement (buffer − control)",
    },
    "evaluation.table.wdq": {"sv": "WDQ", "en": "WDQ"},
    "evaluation.table.res": {"sv": "RES (oddskvot)", "en": "RES (odds ratio)"},
    "evaluation.table.res_total": {"sv": "RES mål + buffert", "en": "RES target + buffer"},
    "evaluation.table.gross_effect": {"sv": "Bruttoeffekt (%)", "en": "Gross effect (%)"},
    "evaluation.table.net_effect": {"sv": "Nettoeffekt (%)", "en": "Net effect (%)"},
    "evaluation.table.total_net_effect": {
        "sv": "Total nettoeffekt (%)",
        "en": "Total net effect (%)",
    },
    "evaluation.table.note.wdd": {
        "sv": "antal brott; negativt = färre än kontrollernas utveckling",
        "en": "crimes; negative = fewer than the controls' trend",
    },
    "evaluation.table.note.wdd_displacement": {
        "sv": "positivt = fler brott i bufferten (förflyttning)",
        "en": "positive = more crimes in the buffer (displacement)",
    },
    "evaluation.table.note.res": {
        "sv": "> 1 = målområdet utvecklades bättre än kontrollen",
        "en": "> 1 = the target area did better than the control",
    },
    "evaluation.table.note.net_effect": {
        "sv": "relativt kontrollområdet",
        "en": "relative to the control area",
    },
    "evaluation.table.note.total_net_effect": {"sv": "mål + buffert", "en": "target + buffer"},
    "evaluation.table.pair.control": {
        "sv": "kontrollområdet/målområdet",
        "en": "control area/target area",
    },
    "evaluation.table.pair.buffer_control": {
        "sv": "buffertens kontroll/bufferten",
        "en": "buffer's control/buffer",
    },
    "evaluation.table.no_crimes_before": {
        "sv": "går inte att jämföra (0 brott före)",
        "en": "cannot be compared (0 crimes before)",
    },
    "evaluation.table.not_comparable": {
        "sv": "redovisas inte: kontrollen är inte jämförbar i antal ({what} före: {size})",
        "en": "not reported: the control is not comparable in counts ({what} before: {size})",
    },
    # why a measure is undefined, and the warnings beside the result
    "evaluation.reason.where.target_before": {
        "sv": "före i målområdet",
        "en": "before in the target area",
    },
    "evaluation.reason.where.target_after": {
        "sv": "efter i målområdet",
        "en": "after in the target area",
    },
    "evaluation.reason.where.control_before": {
        "sv": "före i kontrollområdet",
        "en": "before in the control area",
    },
    "evaluation.reason.where.control_after": {
        "sv": "efter i kontrollområdet",
        "en": "after in the control area",
    },
    "evaluation.reason.res_undefined": {
        "sv": "odefinierad: 0 brott {where} (kvot eller logaritm av 0)",
        "en": "undefined: 0 crimes {where} (ratio or logarithm of 0)",
    },
    "evaluation.reason.wdq_no_control": {
        "sv": "odefinierad: kontrollområdet har 0 brott i en period (division med 0)",
        "en": "undefined: the control area has 0 crimes in a period (division by 0)",
    },
    "evaluation.reason.wdq_no_success": {
        "sv": "odefinierad: målområdet förändrades exakt som kontrollområdet "
        "(framgångsmåttet är 0, division med 0)",
        "en": "undefined: the target area changed exactly like the control area (the "
        "success measure is 0, division by 0)",
    },
    "evaluation.reason.wdq_not_interpretable": {
        "sv": "kan inte tolkas: målområdet förbättrades inte jämfört med kontrollområdet "
        "(framgångsmåttet är positivt), så förändringar i bufferten kan inte tillskrivas "
        "insatsen (Bowers & Johnson 2003)",
        "en": "cannot be read: the target area did not improve compared with the control "
        "area (the success measure is positive), so changes in the buffer cannot be "
        "attributed to the intervention (Bowers & Johnson 2003)",
    },
    "evaluation.reason.gross_effect": {
        "sv": "odefinierad: 0 brott före i målområdet",
        "en": "undefined: 0 crimes before in the target area",
    },
    "evaluation.reason.wdd_undefined": {
        "sv": "z och p odefinierade: alla antal är 0 (varians 0)",
        "en": "z and p undefined: every count is 0 (variance 0)",
    },
    "evaluation.warning.count.target_before": {
        "sv": "målområdet före",
        "en": "the target area before",
    },
    "evaluation.warning.count.target_after": {
        "sv": "målområdet efter",
        "en": "the target area after",
    },
    "evaluation.warning.count.control_before": {
        "sv": "kontrollområdet före",
        "en": "the control area before",
    },
    "evaluation.warning.count.control_after": {
        "sv": "kontrollområdet efter",
        "en": "the control area after",
    },
    "evaluation.warning.count.buffer_before": {
        "sv": "buffertområdet före",
        "en": "the buffer area before",
    },
    "evaluation.warning.count.buffer_after": {
        "sv": "buffertområdet efter",
        "en": "the buffer area after",
    },
    "evaluation.warning.count.buffer_control_before": {
        "sv": "buffertens kontrollområde före",
        "en": "the buffer's control area before",
    },
    "evaluation.warning.count.buffer_control_after": {
        "sv": "buffertens kontrollområde efter",
        "en": "the buffer's control area after",
    },
    "evaluation.warning.few": {
        "sv": "Färre än {min} brott i: {where}. Normal-approximationen bakom z, p och "
        "konfidensintervall är då opålitlig.",
        "en": "Fewer than {min} crimes in: {where}. The normal approximation behind z, p and "
        "the confidence intervals is then unreliable.",
    },
    "evaluation.warning.target_total": {
        "sv": "Målområdet har bara {n} brott totalt (före + efter, gräns {min}); så få brott "
        "räcker inte för att skilja en effekt från slumpen.",
        "en": "The target area has only {n} {n:crime|crimes} in total (before + after, limit "
        "{min}); so few crimes cannot tell an effect apart from chance.",
    },
    "evaluation.warning.buffer_control_from_control": {
        "sv": "Inget separat kontrollområde för bufferten angavs; kontrollområdets antal "
        "användes även för bufferten.",
        "en": "No separate control area for the buffer was given; the control area's counts "
        "were used for the buffer too.",
    },
    "evaluation.warning.measure": {"sv": "{measure} {reason}.", "en": "{measure} {reason}."},
    "evaluation.warning.rings": {
        "sv": "Inom {m} m utanför bufferten (och lika långt till för buffertens kontroll) fanns "
        "för få brott före starten för en jämförbar kontroll. Välj ett kontrollområde eller "
        "rita ett.",
        "en": "Within {m} m outside the buffer (and as far again for the buffer's control) "
        "there were too few crimes before the start for a comparable control. Choose a "
        "control area or draw one.",
    },
    "evaluation.control.ring": {
        "sv": "ring {inner}–{outer} m runt åtgärden (buffertens kontroll: {outer}–{dc_outer} m)",
        "en": "ring {inner}–{outer} m around the intervention (the buffer's control: "
        "{outer}–{dc_outer} m)",
    },
    "evaluation.control.drawn": {"sv": "ritat kontrollområde", "en": "drawn control area"},
    # -- errors of the evaluation's periods, zones and counts -----------------------------
    "evaluation.problem.at_least_zero": {"sv": "måste vara ≥ 0", "en": "must be ≥ 0"},
    "evaluation.error.no_data_after": {
        "sv": "Det finns inga uppgifter efter åtgärdens start {start} (senaste händelse "
        "{last}); effekten kan inte utvärderas ännu.",
        "en": "There are no data after the intervention's start {start} (latest incident "
        "{last}); the effect cannot be evaluated yet.",
    },
    "evaluation.error.no_data_after_implementation": {
        "sv": "Det finns inga uppgifter efter åtgärdens start {start} och "
        "genomförandeperioden på {days} {days:dag|dagar} (senaste händelse {last}); effekten kan "
        "inte utvärderas ännu.",
        "en": "There are no data after the intervention's start {start} and the "
        "implementation period of {days} {days:day|days} (latest incident {last}); the "
        "effect cannot be evaluated yet.",
    },
    "evaluation.error.no_data_before": {
        "sv": "Det finns inga uppgifter före åtgärdens start {start} (första händelse "
        "{first}); en före-period saknas.",
        "en": "There are no data before the intervention's start {start} (first incident "
        "{first}); there is no before period.",
    },
    "evaluation.problem.unknown_control": {
        "sv": "okänt område (ange ett områdes kod)",
        "en": "unknown area (give an area's code)",
    },
    "evaluation.error.control_empty": {
        "sv": "Kontrollområdet blir tomt när mål- och buffertområdet tas bort; välj ett annat.",
        "en": "The control area is empty once the target and buffer areas are taken out; "
        "choose another.",
    },
    "evaluation.error.no_start": {
        "sv": "Åtgärden har inget startdatum; ange det för att kunna utvärdera.",
        "en": "The intervention has no start date; set one to evaluate it.",
    },
    "evaluation.error.no_incidents": {
        "sv": "Databasen har inga händelser att utvärdera med.",
        "en": "The database has no incidents to evaluate with.",
    },
    "evaluation.problem.period_order": {
        "sv": "före-perioden måste sluta innan efter-perioden börjar",
        "en": "the before period must end before the after period begins",
    },
    "evaluation.counts.invalid": {"sv": "Ogiltiga antal brott", "en": "Invalid crime counts"},
    "evaluation.counts.missing": {
        "sv": "saknas (antal brott krävs)",
        "en": "missing (a crime count is required)",
    },
    "evaluation.counts.boolean": {
        "sv": "måste vara ett heltal, inte sant/falskt",
        "en": "must be a whole number, not true/false",
    },
    "evaluation.counts.not_whole": {
        "sv": "måste vara ett heltal ≥ 0",
        "en": "must be a whole number ≥ 0",
    },
    "evaluation.counts.negative": {"sv": "får inte vara negativt", "en": "must not be negative"},
    "evaluation.counts.too_large": {
        "sv": "orimligt stort (högst {max})",
        "en": "implausibly large (at most {max})",
    },
    "evaluation.counts.buffer_control_pair": {
        "sv": "kontrollområdet för bufferten kräver både före- och efter-antal",
        "en": "the buffer's control area needs both a before and an after count",
    },
    "evaluation.counts.unknown_field": {"sv": "okänt fält", "en": "unknown field"},
}

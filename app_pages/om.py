"""Om EST Geo: what it is, where the data comes from, what the demo data is."""

from __future__ import annotations

import streamlit as st

from ui import banner, context, page

page.open_page("om")
st.title(context.t("page.om"))
st.markdown(
    """
**EST Geo** ger kommunen, polisen, bostadsbolagen och övriga aktörer i *Effektiv
samordning för trygghet* (EST, Brå) en gemensam bild av **var och när** problem uppstår
i ett område – och underlag för att besluta om och följa upp gemensamma åtgärder.

**Så används kartorna i EST-arbetet**
- *Varje vecka*: EST-gruppen går igenom veckans rapporter per område och planerar nästa veckas insatser.
- *Varje kvartal*: analys av var problemen är koncentrerade och vilka platser som behöver åtgärder mest.
- *Varje år*: uppföljning av åtgärderna – vad hände på platsen, runt omkring och i jämförelseområdet?

**Varifrån kommer uppgifterna?**
EST-rapporter från aktörernas rapportörer (polis, kommun, bostadsbolag, räddningstjänst,
skolor, väktarbolag och civilsamhälle). Koordinater lagras i SWEREF 99 TM och visas i WGS84.
Områdesgränser kommer från kommunen, SCB (DeSO/RegSO) eller ritas av användarna.

**Integritet**
Den publika versionen visar bara sammanräknade uppgifter: inga enskilda händelser, inga
fritexter och inga uppgifter om vem som rapporterat; små antal döljs.
"""
)
if context.store().is_demo():
    st.subheader("Om demodatan")
    st.markdown(
        """
Demodatabasen innehåller **fiktiva händelser** som genererats av ett program med ett fast
slumpfrö. Områdesgränserna är **ungefärliga och handritade** kring verkliga stadsdelar i
Norrköping (Klockaretorpet, Navestad, Hageby m.fl.) för att exemplen ska kännas igen, men
händelserna, åtgärderna och indikatorvärdena är påhittade och får **aldrig** tolkas som
fakta om dessa områden.
"""
    )
info = context.store().info()
st.caption(
    f"Databas: {info.backend}, schemaversion {info.schema_version}, {info.crs}; "
    f"{info.counts['incidents']:,} händelser, {info.counts['areas']} områden.".replace(",", " ")
)
banner.data_footer()

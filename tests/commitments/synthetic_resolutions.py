"""Synthetic variants of the hard cases of real resolutions, in English, Spanish, French and
Portuguese, each as clean text, layout text (as ``pdftotext -layout`` writes it), a PDF with
running headers, page-foot footnotes and job numbers, and a .docx with Word's own numbering.

Two resolutions per language, modelled on the real ones in ``tests/data/real``:

- ``un``: a UN General Assembly resolution whose symbol is only in its title line ("80/57.");
  a preamble with a paragraph broken by a page (continuing "56/14 of …"), a footnote after the
  closing comma, openers no list knows ("Re-emphasizing", "Being gravely concerned",
  "Encouraged by", "Strongly encouraging"); operative paragraphs addressing a body with no owner
  row, "the Secretariat" alone, "Also decides that the Secretary-General shall", a chapeau with
  its own "1. … 2. …", a historical session and year, the provisional agenda of a session; the
  closing line and footnotes after it.
- ``oas``: an OAS Permanent Council resolution: an opener in capitals split over two lines, a
  wrapped adoption note, a preambular paragraph ending "; y", margin numbers written twice,
  document codes and an ISBN at the end.

``write_all(folder)`` writes every variant and its ``EXPECTED.json`` entry; ``EXPECTED``
holds what a careful reader says of each.
"""

from __future__ import annotations

import io
import json
import logging
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = "|"  # where a page breaks a paragraph in the layout and PDF forms


@dataclass
class Resolution:
    style: str  # "un" or "oas"
    language: str
    header: list[str]  # lines, in the order a reader meets them
    title: str
    note: tuple[str, str]  # the adoption note, as layout text wraps it over two lines
    opener: tuple[str, str]  # the opening formula, as layout text splits it
    preamble: list[str]
    formula: str  # the resolving formula ("RESUELVE:"), or "" (UN texts have none)
    operative: list[tuple[str, list[str]]]  # text, and a chapeau's own numbered items
    closing: list[str]
    footnotes: dict[int, str] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)  # page furniture at the end (OAS)
    job: str = ""  # UN job number, at each page's foot


UN = {
    "en": Resolution(
        "un",
        "en",
        ["United Nations", "General Assembly", "Distr.: General 5 December 2025", "Eightieth session",
         "Agenda item 99"],
        "80/57. Cooperation in preventing terrorism",
        ("Resolution adopted by the General Assembly on 1 December 2025", ""),
        ("The General Assembly,", ""),
        [
            "Recalling its resolutions 55/25 of 15 November 2000 and |56/14 of 29 November 2001,",
            "Re-emphasizing the 2030 Agenda for Sustainable Development,1",
            "Being gravely concerned by the threat that terrorism poses to international peace and security,",
            "Encouraged by the cooperation of regional organizations in preventing terrorism,",
            "Strongly encouraging the exchange of good practices among all States,",
            "Recalling the Programme of Action adopted at its tenth special session,",
        ],
        "",
        [
            ("Requests the Conference on Disarmament to report on its work on this question;", []),
            ("Encourages the Secretariat to support the exchange of good practices among Member States, "
             "within existing resources, |including through regional workshops;", []),
            ("Also decides that the Secretary-General shall convene a meeting of experts on this question;2", []),
            ("Decides the following:", ["That the meeting of experts shall be open to all States;",
                                        "That its report shall be published."]),
            ("Welcomes the programme adopted at its tenth special session in 1995;", []),
            ("Decides to include in the provisional agenda of its eighty-first session the item entitled "
             "“Cooperation in preventing terrorism”.", []),
        ],
        ["52nd plenary meeting", "1 December 2025"],
        {1: "See resolution 70/1.", 2: "See resolution 79/1."},
        job="25-21345",
    ),
    "es": Resolution(
        "un",
        "es",
        ["Naciones Unidas", "Asamblea General", "Distr. general 5 de diciembre de 2025",
         "Octogésimo período de sesiones", "Tema 99 del programa"],
        "80/57. Cooperación para prevenir el terrorismo",
        ("Resolución aprobada por la Asamblea General el 1 de diciembre de 2025", ""),
        ("La Asamblea General,", ""),
        [
            "Recordando sus resoluciones 55/25, de 15 de noviembre de 2000, y |56/14, de 29 de noviembre de 2001,",
            "Volviendo a destacar la Agenda 2030 para el Desarrollo Sostenible,1",
            "Gravemente preocupada por la amenaza que el terrorismo supone para la paz y la seguridad internacionales,",
            "Alentada por la cooperación de las organizaciones regionales para prevenir el terrorismo,",
            "Alentando encarecidamente el intercambio de buenas prácticas entre todos los Estados,",
            "Recordando el Programa de Acción aprobado en su décimo período extraordinario de sesiones; y",
        ],
        "",
        [
            ("Solicita a la Conferencia de Desarme que informe sobre su labor en esta cuestión;", []),
            ("Alienta a la Secretaría a apoyar el intercambio de buenas prácticas entre los Estados Miembros, "
             "con los recursos existentes, |incluso mediante talleres regionales;", []),
            ("Decide también que el Secretario General convoque una reunión de expertos sobre esta cuestión;2", []),
            ("Decide lo siguiente:", ["Que la reunión de expertos esté abierta a todos los Estados;",
                                      "Que su informe se publique."]),
            ("Acoge con beneplácito el programa aprobado en su décimo período extraordinario de sesiones en 1995;", []),
            ("Decide incluir en el programa provisional de su octogésimo primer período de sesiones el tema "
             "titulado “Cooperación para prevenir el terrorismo”.", []),
        ],
        ["52ª sesión plenaria", "1 de diciembre de 2025"],
        {1: "Véase la resolución 70/1.", 2: "Véase la resolución 79/1."},
        job="25-21345",
    ),
    "fr": Resolution(
        "un",
        "fr",
        ["Nations Unies", "Assemblée générale", "Distr. générale 5 décembre 2025", "Quatre-vingtième session",
         "Point 99 de l'ordre du jour"],
        "80/57. Coopération pour prévenir le terrorisme",
        ("Résolution adoptée par l'Assemblée générale le 1er décembre 2025", ""),
        ("L'Assemblée générale,", ""),
        [
            "Rappelant ses résolutions 55/25 du 15 novembre 2000 et |56/14 du 29 novembre 2001,",
            "Soulignant de nouveau le Programme de développement durable à l'horizon 2030,1",
            "Gravement préoccupée par la menace que le terrorisme fait peser sur la paix et la sécurité "
            "internationales,",
            "Encouragée par la coopération des organisations régionales pour prévenir le terrorisme,",
            "Encourageant vivement l'échange de bonnes pratiques entre tous les États,",
            "Rappelant le Programme d'action adopté à sa dixième session extraordinaire,",
        ],
        "",
        [
            ("Prie la Conférence du désarmement de faire rapport sur ses travaux sur cette question ;", []),
            ("Encourage le Secrétariat à appuyer l'échange de bonnes pratiques entre les États membres, "
             "dans la limite des ressources existantes, |notamment au moyen d'ateliers régionaux ;", []),
            ("Décide également que le Secrétaire général convoquera une réunion d'experts sur cette question ;2", []),
            ("Décide ce qui suit :", ["Que la réunion d'experts sera ouverte à tous les États ;",
                                      "Que son rapport sera publié."]),
            ("Se félicite du programme adopté à sa dixième session extraordinaire en 1995 ;", []),
            ("Décide d'inscrire à l'ordre du jour provisoire de sa quatre-vingt-unième session la question "
             "intitulée « Coopération pour prévenir le terrorisme ».", []),
        ],
        ["52e séance plénière", "1er décembre 2025"],
        {1: "Voir la résolution 70/1.", 2: "Voir la résolution 79/1."},
        job="25-21345",
    ),
    "pt": Resolution(
        "un",
        "pt",
        ["Nações Unidas", "Assembleia Geral", "Distr. geral 5 de dezembro de 2025", "Octogésima sessão",
         "Item 99 da agenda"],
        "80/57. Cooperação para prevenir o terrorismo",
        ("Resolução adotada pela Assembleia Geral em 1 de dezembro de 2025", ""),
        ("A Assembleia Geral,", ""),
        [
            "Recordando as suas resoluções 55/25, de 15 de novembro de 2000, e |56/14, de 29 de novembro de 2001,",
            "Reenfatizando a Agenda 2030 para o Desenvolvimento Sustentável,1",
            "Gravemente preocupada com a ameaça que o terrorismo representa para a paz e a segurança internacionais,",
            "Encorajada pela cooperação das organizações regionais para prevenir o terrorismo,",
            "Encorajando vivamente o intercâmbio de boas práticas entre todos os Estados,",
            "Recordando o Programa de Ação adotado na sua décima sessão extraordinária,",
        ],
        "",
        [
            ("Solicita à Conferência sobre Desarmamento que informe sobre o seu trabalho nesta questão;", []),
            ("Incentiva a Secretaria a apoiar o intercâmbio de boas práticas entre os Estados membros, "
             "com os recursos existentes, |inclusive por meio de oficinas regionais;", []),
            ("Decide também que o Secretário-Geral convoque uma reunião de peritos sobre esta questão;2", []),
            ("Decide o seguinte:", ["Que a reunião de peritos seja aberta a todos os Estados;",
                                    "Que o seu relatório seja publicado."]),
            ("Acolhe o programa adotado na sua décima sessão extraordinária em 1995;", []),
            ("Decide incluir na agenda provisória da sua octogésima primeira sessão o tema intitulado "
             "“Cooperação para prevenir o terrorismo”.", []),
        ],
        ["52ª sessão plenária", "1 de dezembro de 2025"],
        {1: "Ver a resolução 70/1.", 2: "Ver a resolução 79/1."},
        job="25-21345",
    ),
}  # fmt: skip

OAS = {
    "en": Resolution(
        "oas",
        "en",
        ["OEA/Ser.G", "CP/RES. 1250 (2500/25)", "5 June 2025", "Original: Spanish"],
        "HEMISPHERIC COOPERATION AGAINST TERRORISM",
        ("(Adopted at the regular meeting held on June 4, 2025,", "and pending review by the Style Committee)"),
        ("THE PERMANENT COUNCIL OF THE ORGANIZATION OF AMERICAN", "STATES,"),
        [
            "CONSIDERING that terrorism is a serious threat to the security of the member states and to "
            "|democratic institutions;",
            "RECALLING resolution AG/RES. 2980 (LII-O/22), Inter-American Cooperation against Terrorism;",
            "BEARING IN MIND the Inter-American Convention against Terrorism and the work plan of CICTE; and",
            "REITERATING its commitment to the exchange of information among the member states,",
        ],
        "RESOLVES:",
        [
            ("To instruct the Secretariat to support the member states in implementing this resolution.", []),
            ("To request the General Secretariat to present a report on this resolution before December 31, 2026.",
             []),
            ("To urge the member states to exchange information on terrorist threats.", []),
            ("To reaffirm its commitment to the Inter-American Convention against Terrorism, adopted in 2002.", []),
            ("To instruct the Permanent Council to hold a special meeting on this question in 2026.", []),
        ],
        [],
        codes=["CP25863T01", "ISBN 978-0-8270-5593-3"],
    ),
    "es": Resolution(
        "oas",
        "es",
        ["OEA/Ser.G", "CP/RES. 1250 (2500/25)", "5 junio 2025", "Original: español"],
        "COOPERACIÓN HEMISFÉRICA CONTRA EL TERRORISMO",
        ("(Aprobada en la sesión ordinaria celebrada el 4 de junio de 2025",
         "y sujeta a revisión de la Comisión de Estilo)"),
        ("EL CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS", "AMERICANOS,"),
        [
            "CONSIDERANDO que el terrorismo constituye una grave amenaza para la seguridad de los Estados Miembros "
            "|y para las instituciones democráticas;",
            "RECORDANDO la resolución AG/RES. 2980 (LII-O/22), Cooperación interamericana contra el terrorismo;",
            "TENIENDO PRESENTE la Convención Interamericana contra el Terrorismo y el plan de trabajo del CICTE; y",
            "REITERANDO su compromiso con el intercambio de información entre los Estados Miembros,",
        ],
        "RESUELVE:",
        [
            ("Encomendar a la Secretaría que apoye a los Estados Miembros en la aplicación de esta resolución.", []),
            ("Solicitar a la Secretaría General que presente un informe sobre esta resolución antes del "
             "31 de diciembre de 2026.", []),
            ("Instar a los Estados Miembros a intercambiar información sobre amenazas terroristas.", []),
            ("Reafirmar su compromiso con la Convención Interamericana contra el Terrorismo, aprobada en 2002.", []),
            ("Encomendar al Consejo Permanente que celebre una sesión extraordinaria sobre esta cuestión en 2026.",
             []),
        ],
        [],
        codes=["CP25863T01", "ISBN 978-0-8270-5593-3"],
    ),
    "fr": Resolution(
        "oas",
        "fr",
        ["OEA/Ser.G", "CP/RES. 1250 (2500/25)", "5 juin 2025", "Original : espagnol"],
        "COOPÉRATION HÉMISPHÉRIQUE CONTRE LE TERRORISME",
        ("(Approuvée à la séance ordinaire tenue le 4 juin 2025",
         "et sous réserve de révision par la Commission de style)"),
        ("LE CONSEIL PERMANENT DE L'ORGANISATION DES ÉTATS", "AMÉRICAINS,"),
        [
            "CONSIDÉRANT que le terrorisme constitue une grave menace pour la sécurité des États membres "
            "|et pour les institutions démocratiques ;",
            "RAPPELANT la résolution AG/RES. 2980 (LII-O/22), Coopération interaméricaine contre le terrorisme ;",
            "AYANT PRÉSENT À L'ESPRIT la Convention interaméricaine contre le terrorisme et le plan de travail du "
            "CICTE ; et",
            "RÉITÉRANT son engagement en faveur de l'échange d'informations entre les États membres,",
        ],
        "DÉCIDE :",
        [
            ("De charger le Secrétariat d'appuyer les États membres dans la mise en œuvre de la présente "
             "résolution.", []),
            ("De demander au Secrétariat général de présenter un rapport sur la présente résolution avant le "
             "31 décembre 2026.", []),
            ("D'exhorter les États membres à échanger des informations sur les menaces terroristes.", []),
            ("De réaffirmer son engagement envers la Convention interaméricaine contre le terrorisme, adoptée en "
             "2002.", []),
            ("De charger le Conseil permanent de tenir une séance extraordinaire sur cette question en 2026.", []),
        ],
        [],
        codes=["CP25863F01", "ISBN 978-0-8270-5593-3"],
    ),
    "pt": Resolution(
        "oas",
        "pt",
        ["OEA/Ser.G", "CP/RES. 1250 (2500/25)", "5 junho 2025", "Original: espanhol"],
        "COOPERAÇÃO HEMISFÉRICA CONTRA O TERRORISMO",
        ("(Aprovada na sessão ordinária realizada em 4 de junho de 2025", "e sujeita a revisão da Comissão de Estilo)"),
        ("O CONSELHO PERMANENTE DA ORGANIZAÇÃO DOS ESTADOS", "AMERICANOS,"),
        [
            "CONSIDERANDO que o terrorismo constitui uma grave ameaça à segurança dos Estados membros "
            "|e às instituições democráticas;",
            "RECORDANDO a resolução AG/RES. 2980 (LII-O/22), Cooperação interamericana contra o terrorismo;",
            "TENDO PRESENTE a Convenção Interamericana contra o Terrorismo e o plano de trabalho do CICTE; e",
            "REITERANDO seu compromisso com o intercâmbio de informações entre os Estados membros,",
        ],
        "RESOLVE:",
        [
            ("Encarregar a Secretaria de apoiar os Estados membros na aplicação desta resolução.", []),
            ("Solicitar à Secretaria-Geral que apresente um relatório sobre esta resolução antes de "
             "31 de dezembro de 2026.", []),
            ("Instar os Estados membros a intercambiar informações sobre ameaças terroristas.", []),
            ("Reafirmar seu compromisso com a Convenção Interamericana contra o Terrorismo, adotada em 2002.", []),
            ("Encarregar o Conselho Permanente de realizar uma sessão extraordinária sobre esta questão em 2026.",
             []),
        ],
        [],
        codes=["CP25863P01", "ISBN 978-0-8270-5593-3"],
    ),
}  # fmt: skip

# What a careful reader says of each resolution, whatever its form.
EXPECTED = {
    "un": {
        "symbol": "A/RES/80/57",
        "operative": 6,
        "preamble": 6,
        "owner_like": {"2": "secretar", "3": "secretar"},
        "proposed_owner": {"1": "Conf"},
        "no_owner": ["5"],
        "deadlines": {"1": "", "5": ""},  # ¶6's session phrase is in each language, below
    },
    "oas": {
        "symbol": "CP/RES. 1250 (2500/25)",
        "operative": 5,
        "preamble": 4,
        "owner_like": {"1": "secretar", "2": "secretar", "3": "member", "5": "permanent"},
        "no_owner": ["4"],
        "deadlines": {"1": "", "2": "2026", "4": "", "5": "2026"},
    },
}
SESSION_DEADLINE = {
    "en": "eighty-first session",
    "es": "octogésimo primer período de sesiones",
    "fr": "quatre-vingt-unième session",
    "pt": "octogésima primeira sessão",
}
FORMS = ("clean.txt", "layout.txt", "pdf", "docx")


def resolutions():
    for style in (UN, OAS):
        yield from style.values()


def expected_for(resolution: Resolution) -> dict:
    expected = json.loads(json.dumps(EXPECTED[resolution.style]))
    if resolution.style == "un":
        expected["deadlines"]["6"] = SESSION_DEADLINE[resolution.language]
    return expected


def file_name(resolution: Resolution, form: str) -> str:
    return f"synthetic_{resolution.style}_{resolution.language}.{form}"


def _plain(text: str) -> str:
    return text.replace(PAGE, "")


def _one_line(pair: tuple[str, str]) -> str:
    return " ".join(part for part in pair if part)


def clean_text(resolution: Resolution) -> str:
    """One paragraph a line, a blank line between them, footnotes in markdown after a rule
    (the form of the UN texts extracted with footnotes)."""
    lines = list(resolution.header) + [_one_line(resolution.note), resolution.title, _one_line(resolution.opener)]
    if resolution.style == "oas":  # an OAS resolution gives its title after its symbol, the note under it
        lines = list(resolution.header) + [resolution.title, _one_line(resolution.note), _one_line(resolution.opener)]
    lines += [_plain(paragraph) for paragraph in resolution.preamble]
    if resolution.formula:
        lines.append(resolution.formula)
    for number, (text, items) in enumerate(resolution.operative, start=1):
        lines.append(f"{number}. {_plain(text)}")
        lines += [f"{item_number}. {item}" for item_number, item in enumerate(items, start=1)]
    lines += resolution.closing + resolution.codes
    text = "\n\n".join(lines)
    if resolution.footnotes:
        text += "\n\n---\n\n" + "\n\n".join(f"[^{n}]: {note}" for n, note in resolution.footnotes.items())
    return text + "\n"


def _wrap(text: str, indent: int, first: int, width: int = 92) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=" " * first, subsequent_indent=" " * indent) or [""]


def _pages(resolution: Resolution) -> list[list[tuple[str, str]]]:
    """The text as pages of (kind, text) pieces; a paragraph with a page mark continues on the
    next page. Kinds: "header", "title", "para", "op", "item", "closing", "code"."""
    pages: list[list[tuple[str, str]]] = [[]]
    page = pages[0]
    for line in resolution.header:
        page.append(("header", line))
    if resolution.style == "oas":
        page += [("title", resolution.title), ("note", resolution.note[0]), ("note", resolution.note[1])]
    else:
        page += [("note", resolution.note[0]), ("title", resolution.title)]
    page += [("opener", resolution.opener[0])] + ([("opener", resolution.opener[1])] if resolution.opener[1] else [])
    pieces: list[tuple[str, str]] = [("para", paragraph) for paragraph in resolution.preamble]
    if resolution.formula:
        pieces.append(("formula", resolution.formula))
    for number, (text, items) in enumerate(resolution.operative, start=1):
        pieces.append(("op", f"{number}.\t{text}"))
        pieces += [("item", f"{n}.\t{item}") for n, item in enumerate(items, start=1)]
    for kind, text in pieces:
        if PAGE in text:
            before, after = text.split(PAGE, 1)
            page.append((kind, before.rstrip()))
            page = []
            pages.append(page)
            page.append(("cont", after))
        else:
            page.append((kind, text))
    page += [("closing", line) for line in resolution.closing] + [("code", code) for code in resolution.codes]
    return pages


def _notes_called(resolution: Resolution, page: list[tuple[str, str]]) -> dict[int, str]:
    """The footnotes whose markers are on ``page``: they are printed at its foot."""
    return {
        number: note
        for number, note in resolution.footnotes.items()
        if any(re.search(rf"(?<=[,;]){number}(?=\s|$)", text) for _kind, text in page)
    }


def _without_markers(text: str) -> str:
    """Word keeps a footnote reference out of the paragraph's text."""
    return re.sub(r"(?<=[,;])\d{1,2}(?=\s|$)", "", _plain(text))


def layout_text(resolution: Resolution) -> str:
    """As ``pdftotext -layout`` writes the PDF: indented, wrapped lines, the header in a right-hand
    column, page numbers, a running header repeating the title on later pages, the job number
    and footnotes at a page's foot, and (OAS) the paragraph number written twice in the margin."""
    out_pages = []
    pages = _pages(resolution)
    running = resolution.title.split(". ", 1)[-1] if resolution.style == "un" else resolution.header[1]
    for index, page in enumerate(pages, start=1):
        lines: list[str] = []
        if index > 1:
            lines += [f"{running:>90}", ""]
        for kind, text in page:
            if kind == "header":
                lines.append(f"{'':>60}{text}" if resolution.style == "oas" else text)
            elif kind in ("title", "note", "opener", "formula", "closing", "code"):
                lines.append(f"{'':>8}{text}")
                lines.append("")
            elif kind in ("op", "item"):
                number, body = text.split("\t", 1)
                margin = (
                    f"{number}      {number}   " if resolution.style == "oas" and kind == "op" else f"{number}     "
                )
                wrapped = _wrap(margin + body, 8, 8)
                lines += wrapped + [""]
            elif kind == "cont":
                lines += _wrap(text, 0, 0) + [""]
            else:
                lines += _wrap(text, 0, 8) + [""]
        notes = _notes_called(resolution, page)
        if notes:
            lines += ["", "__________________"] + [f"{n} {note}" for n, note in notes.items()]
        if resolution.job:
            lines += ["", f"{resolution.job} (E)        *{resolution.job.replace('-', '')}*"]
        lines += ["", f"{'':>44}- {index} -"]
        out_pages.append("\n".join(lines))
    return "\n\f".join(out_pages) + "\n"


def _font_path() -> Path:
    for folder in (ROOT / "reporting" / "fonts", ROOT / "cicte" / "fonts", Path("/usr/share/fonts/truetype/dejavu")):
        if (folder / "DejaVuSans.ttf").exists():
            return folder / "DejaVuSans.ttf"
    raise FileNotFoundError("DejaVuSans.ttf")


def pdf_bytes(resolution: Resolution) -> bytes:
    """A PDF laid out page by page as ``layout_text``: justified paragraphs, a running header
    from page 2, the job number and barcode text at each page's foot, footnotes above them."""
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2's font subsetting chatters
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(_font_path()))
    pages = _pages(resolution)
    running = resolution.title.split(". ", 1)[-1] if resolution.style == "un" else resolution.header[1]
    for index, page in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=10)
        if index > 1:
            pdf.cell(0, 6, running, align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        for kind, text in page:
            if kind == "header":
                pdf.cell(0, 5, text, align="R" if resolution.style == "oas" else "L", new_x="LMARGIN", new_y="NEXT")
            elif kind in ("title", "note", "opener", "formula", "closing", "code"):
                pdf.multi_cell(0, 5, text, align="C" if kind in ("title", "note") else "L")
                pdf.ln(2)
            elif kind in ("op", "item"):
                number, body = text.split("\t", 1)
                pdf.multi_cell(0, 5, f"{number}.  {body}" if not number.endswith(".") else f"{number}  {body}",
                               align="J")  # fmt: skip
                pdf.ln(2)
            else:
                pdf.multi_cell(0, 5, text, align="J")
                pdf.ln(2)
        notes = _notes_called(resolution, page)
        if notes:
            pdf.set_y(-50)
            pdf.cell(0, 5, "__________________", new_x="LMARGIN", new_y="NEXT")
            for number, note in notes.items():
                pdf.cell(0, 5, f"{number} {note}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-25)
        if resolution.job:
            pdf.cell(
                0, 5, f"{resolution.job} (E)    *{resolution.job.replace('-', '')}*", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.cell(0, 5, f"- {index} -", align="C")
    return bytes(pdf.output())


def docx_bytes(resolution: Resolution) -> bytes:
    """A Word file whose operative paragraphs are numbered by Word ("List Number"), a chapeau's
    items by a second list ("List Number 2"); Word keeps footnotes out of the paragraph text."""
    import docx

    document = docx.Document()
    lines = list(resolution.header) + [resolution.title, _one_line(resolution.note), _one_line(resolution.opener)]
    if resolution.style == "un":
        lines = list(resolution.header) + [_one_line(resolution.note), resolution.title, _one_line(resolution.opener)]
    for line in lines:
        document.add_paragraph(line)
    for paragraph in resolution.preamble:
        document.add_paragraph(_without_markers(paragraph))
    if resolution.formula:
        document.add_paragraph(resolution.formula)
    for text, items in resolution.operative:
        document.add_paragraph(_without_markers(text), style="List Number")
        for item in items:
            document.add_paragraph(item, style="List Number 2")
    for line in resolution.closing + resolution.codes:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(resolution: Resolution, form: str) -> bytes:
    if form == "clean.txt":
        return clean_text(resolution).encode()
    if form == "layout.txt":
        return layout_text(resolution).encode()
    if form == "pdf":
        return pdf_bytes(resolution)
    return docx_bytes(resolution)


def write_all(folder: Path) -> dict[str, dict]:
    """Every variant into ``folder``; returns their EXPECTED.json entries."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for resolution in resolutions():
        for form in FORMS:
            name = file_name(resolution, form)
            (folder / name).write_bytes(render(resolution, form))
            expected[name] = expected_for(resolution)
    return expected


if __name__ == "__main__":  # regenerate the committed copies: python -m tests.commitments.synthetic_resolutions
    target = ROOT / "tests" / "data" / "real"
    entries = write_all(target)
    path = target / "EXPECTED.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(entries)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} synthetic variants written to {target}")

"""Conditions a paragraph puts on its mandate: on request of member states, subject to available
resources, voluntary. Phrases in the four languages, matched on folded text."""

from __future__ import annotations

import re

from commitments.importer.text import fold

ON_REQUEST = "on_request"
SUBJECT_TO_RESOURCES = "subject_to_resources"
VOLUNTARY = "voluntary"
CONDITIONS = (ON_REQUEST, SUBJECT_TO_RESOURCES, VOLUNTARY)

PATTERNS = {
    ON_REQUEST: re.compile(
        r"\b(?:that|which|who) so requests?\b|\bthat request (?:it|such|assistance|support)\b|\bupon (?:their )?request"
        r"|\bon request\b|\bat (?:the|their) request of\b|\brequesting (?:member )?states\b"
        r"|\bqui en (?:font|feront|ont fait) la demande\b|\bqui le (?:demandent|sollicitent)\b"
        r"|\ba la demande (?:de|des)\b"
        r"|\bsur (?:leur )?demande\b"
        r"|\bque (?:asi )?lo (?:soliciten|requieran|pidan)\b|\ba (?:solicitud|peticion|pedido) de\b"
        r"|\bprevia solicitud\b"
        r"|\bque (?:assim )?o (?:solicitem|requeiram|pecam)\b|\bmediante solicitacao\b|\ba pedido d[eao]s?\b"
        r"|\bque (?:assim )?o desejarem\b"
    ),
    SUBJECT_TO_RESOURCES: re.compile(
        r"\b(?:within|subject to|depending on|in accordance with) (?:the )?(?:availability of )?(?:the )?"
        r"(?:available |existing |allocated )?(?:financial |human |budgetary |and |, ){0,4}resources\b"
        r"|\bresources (?:are|become|being) available\b|\bwithin (?:the )?resources allocated\b"
        r"|\bdans la mesure ou (?:les|des) ressources[^.;]{0,80}(?:sont|seront) disponibles\b"
        r"|\bdans (?:la limite|les limites) des ressources\b"
        r"|\bsous reserve (?:de la disponibilite )?(?:des|de) ressources\b"
        r"|\ben fonction des ressources disponibles\b|\bavec les ressources disponibles\b"
        r"|\bdentro de (?:los|sus) recursos (?:disponibles|asignados|existentes)\b"
        r"|\bsujeto a la disponibilidad de recursos\b|\bde acuerdo con (?:los|sus) recursos disponibles\b"
        r"|\ben la medida en que (?:haya|existan|se disponga de) recursos\b|\bcon los recursos disponibles\b"
        r"|\bdentro dos recursos (?:disponiveis|alocados|existentes)\b|\bsujeito a disponibilidade de recursos\b"
        r"|\bna medida em que (?:haja|existam) recursos\b|\bde acordo com os recursos disponiveis\b"
        r"|\bcom os recursos disponiveis\b"
    ),
    VOLUNTARY: re.compile(
        r"\bon a voluntary basis\b|\bvoluntary,? (?:and )?non-binding\b|\bvoluntarily\b"
        r"|\bsur une base (?:facultative|volontaire)\b|\ba titre (?:facultatif|volontaire)\b"
        r"|\bde (?:maniere|facon) volontaire\b|\b(?:facultatives?|volontaires?) et non contraignantes?\b"
        r"|\bvolontairement\b"
        r"|\bde (?:manera|forma) voluntaria\b|\bcon caracter voluntario\b|\bvoluntari[oa]s? y no vinculantes?\b"
        r"|\bde (?:maneira|forma) voluntaria\b|\bem carater voluntario\b|\bvoluntari[oa]s? e nao vinculantes?\b"
        r"|\bvoluntariamente\b"
    ),
}


def find_conditions(text: str) -> list[str]:
    folded = fold(text)
    return [name for name in CONDITIONS if PATTERNS[name].search(folded)]

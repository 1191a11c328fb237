"""Owners with their aliases in the four languages, and the CICTE Work Plan 2023-2024 with
its program areas. Aliases are data: staff add more in the admin."""

from django.db import migrations

# (name_en, name_es, name_fr, name_pt, abbreviation, is_member_states, {language: [aliases]})
OWNERS = [
    (
        "CICTE Secretariat",
        "Secretaría del CICTE",
        "Secrétariat du CICTE",
        "Secretaria do CICTE",
        "",
        False,
        {
            "en": [
                "CICTE Secretariat",
                "Secretariat of CICTE",
                "Secretariat of the CICTE",
                "Secretariat of the Inter-American Committee against Terrorism",
            ],
            "es": ["Secretaría del CICTE", "Secretaría del Comité Interamericano contra el Terrorismo"],
            "fr": ["Secrétariat du CICTE", "Secrétariat du Comité interaméricain contre le terrorisme"],
            "pt": ["Secretaria do CICTE", "Secretaria do Comitê Interamericano contra o Terrorismo"],
        },
    ),
    (
        "Secretariat for Multidimensional Security",
        "Secretaría de Seguridad Multidimensional",
        "Secrétariat à la sécurité multidimensionnelle",
        "Secretaria de Segurança Multidimensional",
        "SMS",
        False,
        {
            "en": ["Secretariat for Multidimensional Security", "SMS"],
            "es": ["Secretaría de Seguridad Multidimensional", "SSM"],
            "fr": [
                "Secrétariat à la sécurité multidimensionnelle",
                "Secrétariat pour la sécurité multidimensionnelle",
                "SSM",
            ],
            "pt": ["Secretaria de Segurança Multidimensional", "SSM"],
        },
    ),
    (
        "CICTE",
        "CICTE",
        "CICTE",
        "CICTE",
        "CICTE",
        False,
        {
            "en": ["CICTE", "Inter-American Committee against Terrorism"],
            "es": ["CICTE", "Comité Interamericano contra el Terrorismo"],
            "fr": ["CICTE", "Comité interaméricain contre le terrorisme"],
            "pt": ["CICTE", "Comitê Interamericano contra o Terrorismo"],
        },
    ),
    (
        "Member States",
        "Estados Miembros",
        "États membres",
        "Estados membros",
        "",
        True,
        {
            "en": ["Member States", "member states of the OAS", "OAS member states", "States"],
            "es": ["Estados Miembros", "Estados Miembros de la OEA"],
            "fr": ["États membres", "États membres de l'OEA"],
            "pt": ["Estados membros", "Estados membros da OEA"],
        },
    ),
    (
        "Permanent Council",
        "Consejo Permanente",
        "Conseil permanent",
        "Conselho Permanente",
        "",
        False,
        {
            "en": ["Permanent Council"],
            "es": ["Consejo Permanente"],
            "fr": ["Conseil permanent"],
            "pt": ["Conselho Permanente"],
        },
    ),
    (
        "General Assembly",
        "Asamblea General",
        "Assemblée générale",
        "Assembleia Geral",
        "",
        False,
        {
            "en": ["General Assembly"],
            "es": ["Asamblea General"],
            "fr": ["Assemblée générale"],
            "pt": ["Assembleia Geral"],
        },
    ),
    (
        "General Secretariat",
        "Secretaría General",
        "Secrétariat général",
        "Secretaria-Geral",
        "",
        False,
        {
            "en": ["General Secretariat", "Secretary General", "Secretary-General"],
            "es": ["Secretaría General", "Secretario General"],
            "fr": ["Secrétariat général", "Secrétaire général"],
            "pt": ["Secretaria-Geral", "Secretário-Geral", "Secretaria Geral", "Secretário Geral"],
        },
    ),
]

# (code, en, es, fr, pt): the 2023 program areas (shared/docs/oas-cicte-facts.md §2).
PROGRAM_AREAS = [
    ("cybersecurity", "Cybersecurity", "Ciberseguridad", "Cybersécurité", "Cibersegurança"),
    (
        "border-management",
        "Border management (maritime, port, aviation, supply chain, tourism and major events)",
        "Gestión de fronteras (marítima, portuaria, aviación, cadena de suministro, turismo y grandes eventos)",
        "Gestion des frontières (maritime, portuaire, aviation, chaîne d'approvisionnement, tourisme et grands événements)",
        "Gestão de fronteiras (marítima, portuária, aviação, cadeia de suprimentos, turismo e grandes eventos)",
    ),
    (
        "cbrn",
        "Disarmament and non-proliferation of CBRN materials",
        "Desarme y no proliferación de materiales QBRN",
        "Désarmement et non-prolifération des matières NRBC",
        "Desarmamento e não proliferação de materiais QBRN",
    ),
    (
        "terrorism-financing",
        "Prevention of terrorism financing",
        "Prevención del financiamiento del terrorismo",
        "Prévention du financement du terrorisme",
        "Prevenção do financiamento do terrorismo",
    ),
    (
        "violent-extremism",
        "Prevention of violent extremism",
        "Prevención del extremismo violento",
        "Prévention de l'extrémisme violent",
        "Prevenção do extremismo violento",
    ),
    (
        "policy-coordination",
        "Policy development and coordination",
        "Desarrollo de políticas y coordinación",
        "Élaboration des politiques et coordination",
        "Desenvolvimento de políticas e coordenação",
    ),
]


def load(apps, schema_editor):
    Owner = apps.get_model("commitments", "Owner")
    OwnerAlias = apps.get_model("commitments", "OwnerAlias")
    WorkPlan = apps.get_model("commitments", "WorkPlan")
    ProgramArea = apps.get_model("commitments", "ProgramArea")
    for name_en, name_es, name_fr, name_pt, abbreviation, is_member_states, aliases in OWNERS:
        owner, _ = Owner.objects.update_or_create(
            name_en=name_en,
            defaults={
                "name_es": name_es,
                "name_fr": name_fr,
                "name_pt": name_pt,
                "abbreviation": abbreviation,
                "is_member_states": is_member_states,
            },
        )
        for language, texts in aliases.items():
            for text in texts:
                OwnerAlias.objects.get_or_create(language=language, text=text, defaults={"owner": owner})
    plan, _ = WorkPlan.objects.get_or_create(
        start_year=2023, end_year=2024, defaults={"title": "CICTE Work Plan 2023-2024"}
    )
    for code, en, es, fr, pt in PROGRAM_AREAS:
        ProgramArea.objects.get_or_create(
            work_plan=plan, code=code, defaults={"name_en": en, "name_es": es, "name_fr": fr, "name_pt": pt}
        )


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""Loads the fixed lists: the nine PCF domains, the five knowledge sources and the audiences.

Slugs are part of bookmarked library URLs and must not change. Names and
descriptions may be corrected by a later migration.
"""

from django.db import migrations

PCF_DOMAINS = [
    (
        "professionalism",
        "Professionalism",
        "Identifying and behaving as a professional social worker: accountable, honest about "
        "the limits of one's competence, and committed to learning throughout a career.",
    ),
    (
        "values-and-ethics",
        "Values and Ethics",
        "Letting social work's ethical principles guide practice, working with the dilemmas "
        "they raise and respecting people's right to make their own choices.",
    ),
    (
        "diversity-and-equality",
        "Diversity and Equality",
        "Recognising diversity and working in anti-discriminatory and anti-oppressive ways, "
        "aware of how power and identity shape people's lives and services.",
    ),
    (
        "rights-justice-and-economic-wellbeing",
        "Rights, Justice and Economic Wellbeing",
        "Advancing human rights, social justice and economic wellbeing, and using the law "
        "and advocacy to challenge injustice and poverty.",
    ),
    (
        "knowledge",
        "Knowledge",
        "Drawing on the social sciences, law, research and social work theory, and on what "
        "people who use services know about their own lives.",
    ),
    (
        "critical-reflection-and-analysis",
        "Critical Reflection and Analysis",
        "Using reflection and analysis to weigh evidence, test assumptions and give a clear "
        "rationale for professional judgements and decisions.",
    ),
    (
        "skills-and-interventions",
        "Skills and Interventions",
        "Using judgement, knowledge and authority to work alongside individuals, families and "
        "communities: building relationships, supporting, protecting and managing risk.",
    ),
    (
        "contexts-and-organisations",
        "Contexts and Organisations",
        "Working effectively within organisations and with other agencies and professions, "
        "and understanding the policy and social context that shapes practice.",
    ),
    (
        "professional-leadership",
        "Professional Leadership",
        "Promoting the profession and good practice, supporting others' learning, and taking "
        "part in the collective leadership of social work.",
    ),
]

KNOWLEDGE_SOURCES = [
    (
        "organisational",
        "Organisational knowledge",
        "Knowledge that comes from organising and governing social care: guidance and "
        "standards from regulators and inspectorates, service frameworks, audits and "
        "inspection findings.",
    ),
    (
        "practitioner",
        "Practitioner knowledge",
        "Knowledge that comes from doing social work: the experience and practice wisdom of "
        "social workers and care staff, often unwritten, shared through practice guides, "
        "case reflections and supervision.",
    ),
    (
        "policy-community",
        "Policy community knowledge",
        "Knowledge from the wider policy world: legislation, statutory guidance, government "
        "policy, and analysis from think tanks and professional bodies.",
    ),
    (
        "research",
        "Research knowledge",
        "Knowledge gathered systematically, to a planned design: empirical studies, "
        "evaluations and reviews of the evidence.",
    ),
    (
        "service-users-and-carers",
        "Service user and carer knowledge",
        "Knowledge that comes from first-hand experience of using services or caring for "
        "someone who does: testimony, user-led research and co-produced material.",
    ),
]

AUDIENCES = [
    ("student", "Students", "Social work students, including those on placement."),
    (
        "newly-qualified",
        "Newly qualified social workers",
        "Social workers in their first years of practice, including the assessed first year.",
    ),
    (
        "experienced-practitioner",
        "Experienced practitioners",
        "Qualified social workers developing their practice through CPD.",
    ),
    (
        "educator",
        "Educators",
        "Tutors, practice educators and supervisors who teach and assess.",
    ),
]


def load(apps, schema_editor):
    for model_name, rows in (
        ("PCFDomain", PCF_DOMAINS),
        ("KnowledgeSource", KNOWLEDGE_SOURCES),
        ("Audience", AUDIENCES),
    ):
        model = apps.get_model("resources", model_name)
        for order, (slug, name, description) in enumerate(rows, start=1):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "sort_order": order},
            )


def unload(apps, schema_editor):
    for model_name, rows in (
        ("PCFDomain", PCF_DOMAINS),
        ("KnowledgeSource", KNOWLEDGE_SOURCES),
        ("Audience", AUDIENCES),
    ):
        apps.get_model("resources", model_name).objects.filter(
            slug__in=[slug for slug, _, _ in rows]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

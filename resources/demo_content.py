"""The resources, appraisals and reading lists `manage.py load_demo_resources` loads.

Every resource is a real publication of the field, described in our own words.
Appraisals are written as an educator would write them: a score and a reason for
each TAPUPAS criterion. Reasons shared by a kind of source (an Act of Parliament, a
NICE guideline) start from a profile for that kind and are then adjusted for the
resource in hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .credibility import Score
from .models import ResourceFormat

MET, PARTLY, NOT_MET, NA = Score.MET, Score.PARTLY_MET, Score.NOT_MET, Score.NOT_APPLICABLE

LEAD_EDUCATOR = "educator@example.com"
SECOND_EDUCATOR = "tutor@example.com"
DEMO_STUDENT = "student@example.com"
DEMO_PRACTITIONER = "practitioner@example.com"

LIBRARY_INTRO = (
    "Legislation, guidance, research and the voices of people who use services, chosen by "
    "social work educators. Each resource shows how credible it is and why, so you can judge "
    "it for yourself."
)
READING_LISTS_INTRO = (
    "Ordered selections of resources that educators have put together for a module, a "
    "placement group or a topic, with a note on why each one is there."
)

TOPICS = [
    (
        "adult-safeguarding",
        "Adult safeguarding",
        "Protecting adults with care and support needs from abuse and neglect.",
    ),
    (
        "child-protection",
        "Child protection",
        "Safeguarding children from significant harm, from early help to care proceedings.",
    ),
    (
        "mental-capacity",
        "Mental capacity",
        "Assessing capacity, supporting decisions and acting in a person's best interests.",
    ),
    (
        "mental-health",
        "Mental health",
        "Mental health law, AMHP practice and supporting people with mental distress.",
    ),
    (
        "care-and-support",
        "Care and support",
        "Assessment, eligibility, care planning and review for adults.",
    ),
    ("carers", "Carers", "Recognising and supporting unpaid carers of all ages."),
    (
        "children-in-care",
        "Children in care and care leavers",
        "Corporate parenting, looked-after children and leaving care.",
    ),
    (
        "exploitation",
        "Exploitation",
        "Criminal and sexual exploitation of children and adults, and contextual safeguarding.",
    ),
    (
        "information-governance",
        "Information governance",
        "Data protection, record keeping, confidentiality and information sharing.",
    ),
    (
        "human-rights-and-equality",
        "Human rights and equality",
        "Rights-based and anti-discriminatory practice.",
    ),
    (
        "ethics-and-values",
        "Ethics and values",
        "Professional ethics, values and dilemmas in practice.",
    ),
    (
        "professional-standards",
        "Professional standards and CPD",
        "Regulation, registration and continuing professional development.",
    ),
    (
        "supervision-and-reflection",
        "Supervision and reflection",
        "Supervision, reflective practice and practice leadership.",
    ),
    (
        "co-production",
        "Co-production and participation",
        "Working with people who use services and carers as equal partners.",
    ),
    (
        "evidence-informed-practice",
        "Evidence-informed practice",
        "Finding, judging and using knowledge in practice.",
    ),
    (
        "transitions",
        "Hospital discharge and transitions",
        "Moving between hospital, home, care homes and services.",
    ),
]

ALL_STAGES = ("student", "newly-qualified", "experienced-practitioner")


# --- Appraisal profiles -----------------------------------------------------------------------
# Each profile gives a score and a reason per criterion for one kind of source. Reasons may
# use {publisher} and {year}; a resource's own overrides replace whole entries.

LEGISLATION = {
    "transparency": (
        MET,
        (
            "Made by Parliament and published on legislation.gov.uk by The National Archives, "
            "with its amendment history and commencement information shown."
        ),
    ),
    "accuracy": (
        MET,
        (
            "This is the law itself. The site flags amendments not yet applied to the text, so "
            "check the changes box before relying on a section."
        ),
    ),
    "purposivity": (
        MET,
        "Its purpose is to set out legal duties and powers, and it does exactly that.",
    ),
    "utility": (
        PARTLY,
        (
            "Essential, but rarely enough on its own: applying it needs the statutory guidance "
            "or code of practice and, often, case law."
        ),
    ),
    "propriety": (
        MET,
        (
            "Passed through the full parliamentary process; the explanatory notes set out its "
            "human rights implications."
        ),
    ),
    "accessibility": (
        PARTLY,
        (
            "Free and searchable, but legal drafting is dense. Start with the explanatory "
            "notes and the contents page."
        ),
    ),
    "specificity": (
        MET,
        (
            "As policy community knowledge it is the primary, authoritative source for what "
            "the law requires."
        ),
    ),
}

STATUTORY_GUIDANCE = {
    "transparency": (
        MET,
        (
            "Published by {publisher} with its status as statutory guidance, its date and a "
            "record of changes."
        ),
    ),
    "accuracy": (
        MET,
        (
            "The authoritative account of how the duties it covers should be carried out, "
            "cross-referenced to the legislation."
        ),
    ),
    "purposivity": (
        MET,
        (
            "Written to tell organisations and practitioners how to carry out their duties, "
            "which is what it does."
        ),
    ),
    "utility": (
        MET,
        (
            "Directly usable in practice; many sections can be read as a checklist for "
            "assessment, planning and review."
        ),
    ),
    "propriety": (
        MET,
        (
            "Issued after public consultation and grounded in the rights-based principles of "
            "the law it supports."
        ),
    ),
    "accessibility": (
        PARTLY,
        "Free online, but long. Use the contents to go straight to the chapter you need.",
    ),
    "specificity": (
        MET,
        "Meets the standard for policy knowledge: official, current and authoritative.",
    ),
}

NICE_GUIDELINE = {
    "transparency": (
        MET,
        (
            "NICE publishes the methods, committee membership, declarations of interest and "
            "full evidence reviews beside the recommendations."
        ),
    ),
    "accuracy": (
        MET,
        (
            "Recommendations rest on systematic reviews of the evidence, and their wording "
            "signals how strong that evidence is."
        ),
    ),
    "purposivity": (
        MET,
        (
            "Evidence reviews combined with committee consensus are the right method for "
            "practice recommendations."
        ),
    ),
    "utility": (
        MET,
        "Specific, actionable recommendations, with tools to support putting them into practice.",
    ),
    "propriety": (
        MET,
        (
            "Developed with lay members who have lived experience, and with an equality impact "
            "assessment."
        ),
    ),
    "accessibility": (
        MET,
        "Free to read, with a short version of the recommendations and information for the public.",
    ),
    "specificity": (
        MET,
        (
            "Meets research standards for a guideline: systematic, explicit methods and graded "
            "evidence."
        ),
    ),
}

REGULATOR_STANDARD = {
    "transparency": (
        MET,
        (
            "Published by {publisher} with its date and status, and developed through public "
            "consultation."
        ),
    ),
    "accuracy": (
        MET,
        (
            "The authoritative statement of what the regulator expects, and the measure used "
            "in fitness to practise decisions."
        ),
    ),
    "purposivity": (MET, "It sets out clear standards, which is what it is for."),
    "utility": (
        MET,
        (
            "Every registered social worker needs to know this; it maps well onto supervision "
            "and reflective CPD records."
        ),
    ),
    "propriety": (
        MET,
        "Consulted on with social workers, people with lived experience, educators and employers.",
    ),
    "accessibility": (MET, "Short, in plain English and free online."),
    "specificity": (
        MET,
        "As organisational knowledge from the regulator it is the definitive source.",
    ),
}

PROFESSIONAL_BODY = {
    "transparency": (
        MET,
        (
            "Published by {publisher}, the professional association for social work in the UK, "
            "with its date and how it was developed."
        ),
    ),
    "accuracy": (
        MET,
        (
            "A carefully drafted statement of the profession's position, consistent with "
            "international definitions of social work."
        ),
    ),
    "purposivity": (
        MET,
        "A professional framework written by and for the profession is the right vehicle for this.",
    ),
    "utility": (
        MET,
        (
            "Widely used by universities, employers and supervisors; easy to bring into "
            "supervision and reflection."
        ),
    ),
    "propriety": (
        MET,
        (
            "Developed with members and people with lived experience; it puts rights and "
            "dignity at its centre."
        ),
    ),
    "accessibility": (MET, "Free, clearly structured and written in plain language."),
    "specificity": (
        MET,
        (
            "Meets the standard of organisational knowledge for the profession: authoritative "
            "and current."
        ),
    ),
}

ICO_GUIDANCE = {
    "transparency": (
        MET,
        (
            "Published by the Information Commissioner's Office, the UK's data protection "
            "regulator, with the date it was last updated."
        ),
    ),
    "accuracy": (
        MET,
        (
            "The regulator's own interpretation of UK GDPR and the Data Protection Act 2018, "
            "so as authoritative as guidance gets."
        ),
    ),
    "purposivity": (
        MET,
        "Regulatory guidance with examples is the right form for explaining legal obligations.",
    ),
    "utility": (
        PARTLY,
        (
            "Written for every kind of organisation, so you have to translate the examples to "
            "case recording and information sharing in social care."
        ),
    ),
    "propriety": (MET, "Centred on people's rights over their information."),
    "accessibility": (
        MET,
        "Plain English, with checklists, examples and short summaries before the detail.",
    ),
    "specificity": (
        MET,
        "Meets the standard of organisational knowledge from a regulator: current and definitive.",
    ),
}

SCIE_GUIDE = {
    "transparency": (MET, "SCIE states the date, who contributed and what the guidance draws on."),
    "accuracy": (
        MET,
        "Grounded in the law and in research evidence, and consistent with statutory guidance.",
    ),
    "purposivity": (MET, "A practice guide is the right form for what it sets out to do."),
    "utility": (
        MET,
        (
            "Practical and well organised, with examples that practitioners and students can "
            "use straight away."
        ),
    ),
    "propriety": (
        MET,
        "Respectful of people who use services and alert to consent and confidentiality.",
    ),
    "accessibility": (MET, "Free, short sections, plain language."),
    "specificity": (
        MET,
        (
            "Meets the standard for practice guidance: it draws together research, law and "
            "practice experience and says which is which."
        ),
    ),
}

INDEPENDENT_REVIEW = {
    "transparency": (
        MET,
        (
            "An independent review that sets out its terms of reference, who it heard from and "
            "the evidence it used."
        ),
    ),
    "accuracy": (
        MET,
        (
            "Conclusions follow from a large body of evidence: research, data, case reviews "
            "and testimony."
        ),
    ),
    "purposivity": (
        MET,
        "An independent review is the right way to examine a whole system and recommend reform.",
    ),
    "utility": (
        PARTLY,
        (
            "Its recommendations set direction for the system rather than tell a practitioner "
            "what to do tomorrow; best read for context and argument."
        ),
    ),
    "propriety": (
        MET,
        (
            "Heard directly from children, families and people with lived experience, and "
            "reports them with care."
        ),
    ),
    "accessibility": (PARTLY, "Free, but long; start with the summary."),
    "specificity": (
        MET,
        (
            "Meets the standard of policy community knowledge: evidenced, argued and open "
            "about its recommendations."
        ),
    ),
}

PRACTICE_PROGRAMME = {
    "transparency": (
        MET,
        (
            "{publisher} says who developed the materials, who funded the programme and what "
            "evidence it draws on."
        ),
    ),
    "accuracy": (MET, "Grounded in research and tested with practitioners; references are given."),
    "purposivity": (
        MET,
        "Practice tools built from research and practice experience suit what they set out to do.",
    ),
    "utility": (MET, "Ready to use in supervision, team meetings and direct work."),
    "propriety": (
        MET,
        (
            "Attentive to the people practitioners work with and to the wellbeing of "
            "practitioners themselves."
        ),
    ),
    "accessibility": (MET, "Free to use, with short practice tools as well as longer briefings."),
    "specificity": (
        MET,
        (
            "Meets the standard for practitioner knowledge: it sets out practice wisdom and "
            "says where it comes from."
        ),
    ),
}

LIVED_EXPERIENCE = {
    "transparency": (
        MET,
        (
            "{publisher} explains who was involved, how their views were gathered and who led "
            "the work."
        ),
    ),
    "accuracy": (
        MET,
        (
            "Faithful to what the people involved said; it does not claim more than their "
            "experience supports."
        ),
    ),
    "purposivity": (
        MET,
        (
            "Gathering and presenting lived experience directly is the right way to produce "
            "this kind of knowledge."
        ),
    ),
    "utility": (
        MET,
        "Gives practitioners a clear sense of what good support feels like from the other side.",
    ),
    "propriety": (MET, "Involvement was voluntary and people's words are used with their consent."),
    "accessibility": (
        MET,
        (
            "Free, plain language, designed to be read by people who use services as well as "
            "professionals."
        ),
    ),
    "specificity": (
        MET,
        (
            "Meets the standard for service user and carer knowledge: it carries their own "
            "voice, not a professional's summary of it."
        ),
    ),
}


def judged(profile: dict, publisher: str, year: int | None, **overrides: tuple[str, str]) -> dict:
    """A full set of (score, reason) pairs from a profile, with per-resource overrides."""
    scores = {}
    for key, (score, reason) in profile.items():
        scores[key] = overrides.get(key, (score, reason.format(publisher=publisher, year=year)))
    return scores


@dataclass(frozen=True)
class DemoAppraisal:
    educator: str
    scores: dict[str, tuple[str, str]]
    comment: str = ""


@dataclass(frozen=True)
class DemoResource:
    slug: str
    title: str
    summary: str
    link_url: str
    publisher: str
    year: int | None
    format: str
    source: str
    topics: tuple[str, ...]
    pcf: tuple[str, ...]
    audiences: tuple[str, ...]
    profile: dict
    authors: str = ""
    is_open_access: bool = True
    body: str = ""
    reviewed_days_ago: int = 60
    overrides: dict = field(default_factory=dict)
    comment: str = ""
    second_opinion: dict | None = None
    second_comment: str = ""

    def appraisals(self) -> list[DemoAppraisal]:
        first = judged(self.profile, self.publisher, self.year, **self.overrides)
        appraisals = [DemoAppraisal(LEAD_EDUCATOR, first, self.comment)]
        if self.second_opinion is not None:
            second = {**first, **self.second_opinion}
            appraisals.append(DemoAppraisal(SECOND_EDUCATOR, second, self.second_comment))
        return appraisals


def legislation_url(path: str) -> str:
    return f"https://www.legislation.gov.uk/{path}/contents"


RESOURCES: list[DemoResource] = [
    # --- Legislation --------------------------------------------------------------------------
    DemoResource(
        slug="care-act-2014",
        title="Care Act 2014",
        summary=(
            "The law behind adult social care in England: the wellbeing principle, assessment "
            "and eligibility, carers' rights to their own assessment and support, transition "
            "assessments for young carers and other young people approaching adulthood, and the "
            "safeguarding duties in sections 42 to 47."
        ),
        link_url=legislation_url("ukpga/2014/23"),
        publisher="UK Parliament",
        year=2014,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("care-and-support", "adult-safeguarding", "carers"),
        pcf=("knowledge", "rights-justice-and-economic-wellbeing", "contexts-and-organisations"),
        audiences=ALL_STAGES,
        profile=LEGISLATION,
        body=(
            "<h2>How to use it</h2><p>Read section 1 (the wellbeing principle) first: every "
            "other duty is meant to be carried out in its light. Then sections 9 to 13 on "
            "assessment and eligibility, and sections 42 to 47 on safeguarding.</p>"
            "<p>Always read it with the Care and support statutory guidance, which explains "
            "how local authorities should apply each part.</p>"
        ),
        comment="Start with section 1. The wellbeing principle is the lens for every other duty.",
        second_opinion={
            "utility": (
                MET,
                (
                    "For adult social workers this is used every day; I would not call its "
                    "usefulness partial, even if the guidance is needed alongside."
                ),
            ),
        },
        second_comment="Students should learn to cite the section, not just the Act.",
    ),
    DemoResource(
        slug="children-act-1989",
        title="Children Act 1989",
        summary=(
            "The foundation of children's social care law in England and Wales: the paramountcy "
            "of the child's welfare, parental responsibility, services for children in need "
            "under section 17, care and supervision orders where a child is suffering or likely "
            "to suffer significant harm (section 31), child protection enquiries under section "
            "47 and care proceedings."
        ),
        link_url=legislation_url("ukpga/1989/41"),
        publisher="UK Parliament",
        year=1989,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("child-protection", "children-in-care"),
        pcf=("knowledge", "rights-justice-and-economic-wellbeing"),
        audiences=ALL_STAGES,
        profile=LEGISLATION,
        overrides={
            "accuracy": (
                MET,
                (
                    "The law itself, heavily amended since 1989. legislation.gov.uk shows the "
                    "revised text; check the changes box for amendments still to be applied."
                ),
            ),
        },
        comment="Sections 17, 20, 31 and 47 are the ones students meet first on placement.",
    ),
    DemoResource(
        slug="children-act-2004",
        title="Children Act 2004",
        summary=(
            "Sets the framework for agencies to cooperate in improving children's wellbeing, "
            "the duty in section 11 on key agencies to safeguard and promote children's "
            "welfare, and the office of the Children's Commissioner for England."
        ),
        link_url=legislation_url("ukpga/2004/31"),
        publisher="UK Parliament",
        year=2004,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("child-protection",),
        pcf=("knowledge", "contexts-and-organisations"),
        audiences=("student", "newly-qualified"),
        profile=LEGISLATION,
        overrides={
            "utility": (
                PARTLY,
                (
                    "Mostly about how agencies are organised, so less often cited in "
                    "day-to-day casework than the 1989 Act; section 11 is the exception."
                ),
            ),
        },
    ),
    DemoResource(
        slug="mental-capacity-act-2005",
        title="Mental Capacity Act 2005",
        summary=(
            "The five statutory principles, the test for whether someone can make a decision, "
            "best-interests decision-making, lasting powers of attorney and the Court of "
            "Protection. Applies in England and Wales to people aged 16 and over. Schedule A1, "
            "added in 2007, holds the Deprivation of Liberty Safeguards."
        ),
        link_url=legislation_url("ukpga/2005/9"),
        publisher="UK Parliament",
        year=2005,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("mental-capacity", "human-rights-and-equality"),
        pcf=("knowledge", "values-and-ethics", "rights-justice-and-economic-wellbeing"),
        audiences=ALL_STAGES,
        profile=LEGISLATION,
        overrides={
            "accessibility": (
                MET,
                (
                    "Unusually readable for an Act: section 1 states the principles in a few "
                    "lines that anyone can follow."
                ),
            ),
        },
        comment="Learn section 1 by heart, then read the Code of Practice for how to apply it.",
    ),
    DemoResource(
        slug="mental-capacity-amendment-act-2019",
        title="Mental Capacity (Amendment) Act 2019",
        summary=(
            "Replaces the Deprivation of Liberty Safeguards (DoLS) with the Liberty Protection "
            "Safeguards (LPS): authorisation of arrangements that deprive a person who lacks "
            "capacity of their liberty, in any setting and from the age of 16, by a "
            "responsible body, with Approved Mental Capacity Professionals. Passed in 2019 but "
            "not brought into force: DoLS still apply."
        ),
        link_url=legislation_url("ukpga/2019/18"),
        publisher="UK Parliament",
        year=2019,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("mental-capacity", "human-rights-and-equality"),
        pcf=("knowledge", "rights-justice-and-economic-wellbeing"),
        audiences=("experienced-practitioner", "educator"),
        profile=LEGISLATION,
        overrides={
            "utility": (
                PARTLY,
                (
                    "Not in force, and in 2023 the government put its implementation off "
                    "beyond the current Parliament: read it to follow the debate, not to "
                    "decide a case today."
                ),
            ),
        },
        comment="Know that it exists and why; practise under DoLS until it is commenced.",
    ),
    DemoResource(
        slug="mental-health-act-1983",
        title="Mental Health Act 1983",
        summary=(
            "The law on assessment, detention and treatment in psychiatric hospital of people "
            "with a mental disorder in England and Wales, including the role of the Approved "
            "Mental Health Professional, most of whom are social workers."
        ),
        link_url=legislation_url("ukpga/1983/20"),
        publisher="UK Parliament",
        year=1983,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("mental-health", "human-rights-and-equality"),
        pcf=("knowledge", "rights-justice-and-economic-wellbeing"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=LEGISLATION,
        overrides={
            "accuracy": (
                MET,
                (
                    "The law itself, much amended (notably in 2007) and under reform; check "
                    "the revised text and any changes not yet in force."
                ),
            ),
        },
    ),
    DemoResource(
        slug="data-protection-act-2018",
        title="Data Protection Act 2018",
        summary=(
            "Sits alongside the UK GDPR and sets the rules for processing personal data in the "
            "UK, including the conditions for special category data such as health and social "
            "care information, and the exemptions that matter for safeguarding."
        ),
        link_url=legislation_url("ukpga/2018/12"),
        publisher="UK Parliament",
        year=2018,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("information-governance",),
        pcf=("knowledge", "professionalism"),
        audiences=ALL_STAGES,
        profile=LEGISLATION,
        overrides={
            "utility": (
                PARTLY,
                (
                    "Hard to use directly: it only makes sense read with the UK GDPR, and the "
                    "ICO's guidance is the practical way in."
                ),
            ),
            "accessibility": (
                NOT_MET,
                (
                    "Very hard going for a practitioner without legal training: it amends and "
                    "cross-refers to the UK GDPR throughout."
                ),
            ),
        },
        comment=(
            "Use the ICO guidance in this library as your route in; come back to the Act for "
            "the exact wording."
        ),
    ),
    DemoResource(
        slug="human-rights-act-1998",
        title="Human Rights Act 1998",
        summary=(
            "Brings the rights of the European Convention on Human Rights into UK law and "
            "requires public authorities, including local authority social services, to act "
            "compatibly with them: among others the right to life, freedom from degrading "
            "treatment, liberty, and respect for private and family life."
        ),
        link_url=legislation_url("ukpga/1998/42"),
        publisher="UK Parliament",
        year=1998,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("human-rights-and-equality", "ethics-and-values"),
        pcf=("rights-justice-and-economic-wellbeing", "values-and-ethics", "knowledge"),
        audiences=ALL_STAGES,
        profile=LEGISLATION,
        overrides={
            "accessibility": (
                MET,
                "Short, and Schedule 1 sets out the Convention rights in plain terms.",
            ),
        },
    ),
    DemoResource(
        slug="equality-act-2010",
        title="Equality Act 2010",
        summary=(
            "Protects people from discrimination because of nine protected characteristics, "
            "requires reasonable adjustments for disabled people, and places the public sector "
            "equality duty on public bodies."
        ),
        link_url=legislation_url("ukpga/2010/15"),
        publisher="UK Parliament",
        year=2010,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("human-rights-and-equality",),
        pcf=("diversity-and-equality", "rights-justice-and-economic-wellbeing"),
        audiences=ALL_STAGES,
        profile=LEGISLATION,
    ),
    DemoResource(
        slug="children-and-social-work-act-2017",
        title="Children and Social Work Act 2017",
        summary=(
            "Introduced the corporate parenting principles, extended personal adviser support "
            "for care leavers to age 25, replaced Local Safeguarding Children Boards with "
            "safeguarding partners, and gave the legal basis for Social Work England."
        ),
        link_url=legislation_url("ukpga/2017/16"),
        publisher="UK Parliament",
        year=2017,
        format=ResourceFormat.LEGISLATION,
        source="policy-community",
        topics=("children-in-care", "child-protection", "professional-standards"),
        pcf=("knowledge", "contexts-and-organisations"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=LEGISLATION,
    ),
    # --- Statutory guidance and codes ---------------------------------------------------------
    DemoResource(
        slug="care-and-support-statutory-guidance",
        title="Care and support statutory guidance",
        summary=(
            "How local authorities must carry out their duties under the Care Act 2014, "
            "chapter by chapter: wellbeing, prevention, assessment and eligibility, care and "
            "support planning, and safeguarding adults in chapter 14."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance"
        ),
        publisher="Department of Health and Social Care",
        year=2014,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("care-and-support", "adult-safeguarding", "carers"),
        pcf=("knowledge", "contexts-and-organisations", "skills-and-interventions"),
        audiences=ALL_STAGES,
        profile=STATUTORY_GUIDANCE,
        overrides={
            "transparency": (
                MET,
                (
                    "Published by the Department of Health and Social Care as statutory "
                    "guidance, first in 2014, with each later update listed on the page."
                ),
            ),
        },
        comment="Chapter 14 on safeguarding is the one to know well.",
    ),
    DemoResource(
        slug="working-together-to-safeguard-children-2023",
        title="Working Together to Safeguard Children 2023",
        summary=(
            "Statutory guidance on how agencies should work together to safeguard and promote "
            "the welfare of children in England, from early help to child protection, "
            "including the roles of safeguarding partners and what is expected of practitioners."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
        ),
        publisher="Department for Education",
        year=2023,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("child-protection",),
        pcf=("knowledge", "contexts-and-organisations", "skills-and-interventions"),
        audiences=ALL_STAGES,
        profile=STATUTORY_GUIDANCE,
        comment=(
            "The 2023 edition puts more weight on working with parents and families; compare "
            "it with the 2018 edition."
        ),
        second_opinion={},
        second_comment="Agree throughout. Essential for any children's placement.",
    ),
    DemoResource(
        slug="mental-capacity-act-code-of-practice",
        title="Mental Capacity Act Code of Practice",
        summary=(
            "Guidance on applying the Mental Capacity Act 2005 day to day, with worked examples "
            "on assessing capacity, supporting people to make their own decisions and acting "
            "in their best interests. Professionals must have regard to it."
        ),
        link_url="https://www.gov.uk/government/publications/mental-capacity-act-code-of-practice",
        publisher="Department for Constitutional Affairs",
        year=2007,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("mental-capacity",),
        pcf=("knowledge", "values-and-ethics", "skills-and-interventions"),
        audiences=ALL_STAGES,
        profile=STATUTORY_GUIDANCE,
        overrides={
            "accuracy": (
                PARTLY,
                (
                    "Sound on the principles, but written in 2007. It predates important case "
                    "law on capacity and deprivation of liberty, and a revised code has not "
                    "yet replaced it."
                ),
            ),
            "utility": (
                MET,
                "The worked scenarios make it one of the most practical codes there is.",
            ),
        },
        reviewed_days_ago=420,
        comment=(
            "Read it with recent case law and NICE's guideline on decision-making and mental "
            "capacity."
        ),
        second_opinion={
            "accuracy": (
                NOT_MET,
                (
                    "On deprivation of liberty it is now misleading: its test was overtaken by "
                    "the Supreme Court's 2014 Cheshire West judgment. A student relying on it "
                    "alone would get that wrong."
                ),
            ),
        },
        second_comment=(
            "Still worth reading for the principles and examples, but flag its age to students."
        ),
    ),
    DemoResource(
        slug="mental-health-act-code-of-practice",
        title="Mental Health Act 1983: Code of Practice",
        summary=(
            "Statutory guidance for professionals using the Mental Health Act in England, "
            "organised around guiding principles including least restriction, empowerment "
            "and involvement, respect and dignity, purpose and effectiveness, and efficiency "
            "and equity."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/code-of-practice-mental-health-act-1983"
        ),
        publisher="Department of Health",
        year=2015,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("mental-health",),
        pcf=("knowledge", "rights-justice-and-economic-wellbeing", "skills-and-interventions"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=STATUTORY_GUIDANCE,
    ),
    DemoResource(
        slug="knowledge-and-skills-statement-adult-services",
        title="Knowledge and skills statement for social workers in adult services",
        summary=(
            "What a social worker in adult services should know and be able to do by the end "
            "of their first year in practice, from person-centred practice and safeguarding to "
            "the Mental Capacity Act and supervision. Useful for the ASYE and for planning CPD."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/knowledge-and-skills-statement-for-social-workers-in-adult-services"
        ),
        publisher="Department of Health",
        year=2015,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("professional-standards", "care-and-support"),
        pcf=("professionalism", "knowledge", "skills-and-interventions"),
        audiences=("student", "newly-qualified", "educator"),
        profile=STATUTORY_GUIDANCE,
        overrides={
            "transparency": (
                MET,
                (
                    "Published by the Department of Health in 2015 with its purpose and status "
                    "clearly stated."
                ),
            ),
            "accessibility": (MET, "Short and clearly set out; it can be read in one sitting."),
        },
    ),
    DemoResource(
        slug="post-qualifying-standards-child-and-family",
        title="Knowledge and skills statements for child and family social work",
        summary=(
            "The post-qualifying standards for child and family practitioners, practice "
            "supervisors and practice leaders: what each should know and be able to do, from "
            "relationship-based practice to analysis and decision-making."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/knowledge-and-skills-statements-for-child-and-family-social-work"
        ),
        publisher="Department for Education",
        year=2018,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("professional-standards", "child-protection", "supervision-and-reflection"),
        pcf=("professionalism", "skills-and-interventions", "professional-leadership"),
        audiences=("newly-qualified", "experienced-practitioner", "educator"),
        profile=STATUTORY_GUIDANCE,
        overrides={
            "accessibility": (MET, "Concise statements, easy to use in supervision and appraisal."),
        },
    ),
    DemoResource(
        slug="information-sharing-advice-safeguarding",
        title="Information sharing: advice for practitioners providing safeguarding services",
        summary=(
            "Government advice on when and how to share information about children, young "
            "people and families to keep children safe, including the seven golden rules and "
            "why data protection law is not a barrier to sharing for safeguarding."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice"
        ),
        publisher="Department for Education",
        year=2024,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("information-governance", "child-protection"),
        pcf=("professionalism", "knowledge", "contexts-and-organisations"),
        audiences=ALL_STAGES,
        profile=STATUTORY_GUIDANCE,
        overrides={
            "transparency": (
                MET,
                (
                    "Published by the Department for Education; the page records when it was "
                    "updated and what changed."
                ),
            ),
            "accessibility": (
                MET,
                "Short, with a one-page summary of the golden rules and a flowchart.",
            ),
        },
    ),
    DemoResource(
        slug="kinship-care-statutory-guidance",
        title="Kinship care: statutory guidance for local authorities",
        summary=(
            "How local authorities in England should support kinship carers, the relatives and "
            "friends who raise children who cannot live with their parents: a published local "
            "kinship offer, financial support, and help from the start of an arrangement. It "
            "replaces the 2011 guidance on family and friends care."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/kinship-care-statutory-guidance-for-local-authorities"
        ),
        publisher="Department for Education",
        year=2024,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("children-in-care", "carers"),
        pcf=("knowledge", "contexts-and-organisations"),
        audiences=ALL_STAGES,
        profile=STATUTORY_GUIDANCE,
        comment="Read your own authority's kinship offer alongside it: the guidance is the floor.",
    ),
    # --- Regulators and professional bodies ---------------------------------------------------
    DemoResource(
        slug="social-work-england-professional-standards",
        title="Professional standards",
        summary=(
            "The six standards every social worker in England must meet to stay on the "
            "register: promote people's rights, strengths and wellbeing; establish trust; be "
            "accountable; keep up continuing professional development; act safely, ethically "
            "and with integrity; and promote ethical practice and report concerns."
        ),
        link_url="https://www.socialworkengland.org.uk/standards/professional-standards/",
        publisher="Social Work England",
        year=2019,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("professional-standards", "ethics-and-values"),
        pcf=("professionalism", "values-and-ethics"),
        audiences=ALL_STAGES,
        profile=REGULATOR_STANDARD,
        comment="Map your CPD reflections to these standards; it is what the regulator asks for.",
    ),
    DemoResource(
        slug="social-work-england-cpd-guidance",
        title="Continuing professional development for social workers",
        summary=(
            "What Social Work England expects each registration year: CPD recorded on your "
            "online account, with at least one piece discussed with a peer, and reflection on "
            "what you learnt and how it affects your practice."
        ),
        link_url="https://www.socialworkengland.org.uk/cpd/",
        publisher="Social Work England",
        year=2024,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("professional-standards", "supervision-and-reflection"),
        pcf=("professionalism", "critical-reflection-and-analysis"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=REGULATOR_STANDARD,
        overrides={
            "utility": (
                MET,
                (
                    "Tells you exactly what to record and by when; check the current year's "
                    "requirements before the registration deadline."
                ),
            ),
        },
        second_opinion={},
        second_comment=(
            "Agree. Practitioners should check the requirements each year as they have changed."
        ),
    ),
    DemoResource(
        slug="social-work-england-education-and-training-standards",
        title="Education and training standards 2021",
        summary=(
            "The standards that qualifying social work courses in England must meet, covering "
            "admissions, practice placements, the involvement of people with lived experience, "
            "curriculum and assessment, and supporting students."
        ),
        link_url="https://www.socialworkengland.org.uk/standards/education-and-training-standards/",
        publisher="Social Work England",
        year=2021,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("professional-standards", "co-production"),
        pcf=("professional-leadership", "contexts-and-organisations"),
        audiences=("educator", "student"),
        profile=REGULATOR_STANDARD,
        overrides={
            "utility": (
                MET,
                (
                    "Essential for educators designing placements and assessments; students "
                    "can see what their course owes them."
                ),
            ),
        },
    ),
    DemoResource(
        slug="basw-code-of-ethics",
        title="The BASW Code of Ethics for Social Work",
        summary=(
            "The values and ethical principles of social work in the UK (human rights, social "
            "justice and professional integrity) and what they mean in practice, with a "
            "section on the ethical challenges social workers meet."
        ),
        link_url="https://www.basw.co.uk/about-basw/code-ethics",
        publisher="British Association of Social Workers",
        year=2021,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("ethics-and-values", "human-rights-and-equality"),
        pcf=("values-and-ethics", "professionalism", "rights-justice-and-economic-wellbeing"),
        audiences=ALL_STAGES,
        profile=PROFESSIONAL_BODY,
        second_opinion={
            "utility": (
                PARTLY,
                (
                    "Principles are stated at a high level; students often need help turning "
                    "them into decisions on a real case."
                ),
            ),
        },
        second_comment="Pair it with a case discussion in supervision.",
    ),
    DemoResource(
        slug="basw-professional-capabilities-framework",
        title="Professional Capabilities Framework (PCF)",
        summary=(
            "Nine domains of capability for social workers at every stage, from entry to "
            "qualifying programmes to strategic leadership. Widely used to structure "
            "placements, supervision, appraisal and CPD."
        ),
        link_url=(
            "https://www.basw.co.uk/professional-development/professional-capabilities-framework-pcf"
        ),
        publisher="British Association of Social Workers",
        year=2018,
        format=ResourceFormat.TOOLKIT,
        source="organisational",
        topics=("professional-standards", "supervision-and-reflection"),
        pcf=("professionalism", "professional-leadership", "critical-reflection-and-analysis"),
        audiences=("student", "newly-qualified", "experienced-practitioner", "educator"),
        profile=PROFESSIONAL_BODY,
        comment="Every resource in this library is tagged with the PCF domains it supports.",
    ),
    # --- SCIE ---------------------------------------------------------------------------------
    DemoResource(
        slug="scie-knowledge-review-3",
        title="Types and quality of knowledge in social care (Knowledge Review 3)",
        summary=(
            "Identifies five sources of social care knowledge (organisational, practitioner, "
            "policy community, research, and service users and carers) and proposes TAPUPAS, "
            "seven standards for judging the quality of any of them. The framework behind this "
            "library's credibility ratings."
        ),
        link_url="https://www.scie.org.uk/publications/knowledgereviews/kr03.asp",
        publisher="Social Care Institute for Excellence",
        authors="Ray Pawson, Annette Boaz, Lesley Grayson, Andrew Long, Colin Barnes",
        year=2003,
        format=ResourceFormat.REPORT,
        source="research",
        topics=("evidence-informed-practice",),
        pcf=("knowledge", "critical-reflection-and-analysis"),
        audiences=("student", "educator"),
        profile=SCIE_GUIDE,
        overrides={
            "transparency": (
                MET,
                (
                    "Names its authors and sets out how the classification and standards were "
                    "developed and tested."
                ),
            ),
            "accuracy": (
                MET,
                (
                    "A careful, well-referenced review; its arguments follow from the "
                    "literature it surveys."
                ),
            ),
            "purposivity": (
                MET,
                (
                    "A conceptual review is the right method for building a framework for "
                    "judging knowledge."
                ),
            ),
            "utility": (
                PARTLY,
                (
                    "The framework is very usable, but the report is academic; most readers "
                    "will want a summary first."
                ),
            ),
            "accessibility": (
                PARTLY,
                "Long and academic in style; the SCIE page may now be archived.",
            ),
            "specificity": (
                MET,
                (
                    "Meets research standards for a conceptual review: transparent about scope "
                    "and sources."
                ),
            ),
        },
        reviewed_days_ago=400,
        comment=(
            "Read chapter 1 and the TAPUPAS table; the rest is for those who want the argument."
        ),
        second_opinion={
            "accessibility": (
                NOT_MET,
                "Hard to find now and hard going for students; I teach it from our own summary.",
            ),
        },
    ),
    DemoResource(
        slug="social-care-online",
        title="Social Care Online",
        summary=(
            "SCIE's database of social care research, policy and practice literature, with "
            "abstracts and links to full text where available. A starting point for literature "
            "searches on placement and for dissertations."
        ),
        link_url="https://www.scie-socialcareonline.org.uk/",
        publisher="Social Care Institute for Excellence",
        year=None,
        format=ResourceFormat.TOOLKIT,
        source="research",
        topics=("evidence-informed-practice",),
        pcf=("knowledge", "critical-reflection-and-analysis"),
        audiences=("student", "educator"),
        profile=SCIE_GUIDE,
        overrides={
            "transparency": (MET, "Run by SCIE, with its scope and indexing policy explained."),
            "accuracy": (
                PARTLY,
                (
                    "Records are carefully indexed, but the database is only as current as its "
                    "last update; check whether it is still being added to."
                ),
            ),
            "purposivity": (
                MET,
                "A bibliographic database is the right tool for finding literature.",
            ),
            "utility": (
                PARTLY,
                (
                    "Good for a first search, but you will need university library databases "
                    "for full text and recent material."
                ),
            ),
            "propriety": (
                NA,
                (
                    "A catalogue of other people's work: propriety belongs to each item you "
                    "find, not to the index."
                ),
            ),
            "accessibility": (
                PARTLY,
                (
                    "Free, but the search interface takes practice, and many full texts sit "
                    "behind publishers' paywalls."
                ),
            ),
            "specificity": (
                NA,
                (
                    "A finding tool rather than a piece of knowledge itself, so research "
                    "standards do not apply directly."
                ),
            ),
        },
        reviewed_days_ago=500,
        comment="Teach Boolean searching with it, then move to the university's databases.",
        second_opinion={
            "accuracy": (
                NOT_MET,
                (
                    "I could not confirm it is still maintained; treat anything found here as "
                    "a lead to check elsewhere."
                ),
            ),
            "utility": (
                PARTLY,
                "Still useful for older grey literature that other databases miss.",
            ),
        },
    ),
    DemoResource(
        slug="scie-types-and-indicators-of-abuse",
        title="Types and indicators of abuse",
        summary=(
            "A clear guide to the types of abuse and neglect named in the Care Act statutory "
            "guidance, from physical and financial abuse to self-neglect and modern slavery, "
            "with the signs that might indicate each."
        ),
        link_url=(
            "https://www.scie.org.uk/safeguarding/adults/introduction/types-and-indicators-of-abuse"
        ),
        publisher="Social Care Institute for Excellence",
        year=2020,
        format=ResourceFormat.GUIDE,
        source="practitioner",
        topics=("adult-safeguarding",),
        pcf=("knowledge", "skills-and-interventions"),
        audiences=("student", "newly-qualified"),
        profile=SCIE_GUIDE,
        overrides={
            "utility": (
                MET,
                (
                    "A good first read before a safeguarding placement, and handy for training "
                    "care staff."
                ),
            ),
        },
    ),
    DemoResource(
        slug="scie-co-production-guide",
        title="Co-production in social care: what it is and how to do it",
        summary=(
            "SCIE's guide to co-production: working with people who use services and carers as "
            "equal partners in designing, delivering and evaluating services, with principles, "
            "examples and practical steps."
        ),
        link_url="https://www.scie.org.uk/publications/guides/guide51/",
        publisher="Social Care Institute for Excellence",
        year=2013,
        format=ResourceFormat.GUIDE,
        source="practitioner",
        topics=("co-production",),
        pcf=("values-and-ethics", "diversity-and-equality", "professional-leadership"),
        audiences=("student", "experienced-practitioner", "educator"),
        profile=SCIE_GUIDE,
        overrides={
            "transparency": (
                MET,
                (
                    "Developed with a co-production steering group, and says so; contributors "
                    "and sources are listed."
                ),
            ),
            "accuracy": (
                PARTLY,
                (
                    "The principles hold, but some of the examples and policy context date "
                    "from the early 2010s."
                ),
            ),
        },
        reviewed_days_ago=390,
    ),
    DemoResource(
        slug="scie-mca-directory",
        title="Mental Capacity Act directory",
        summary=(
            "A collection of resources on the Mental Capacity Act gathered by SCIE: guidance, "
            "case law summaries, tools and films for practitioners and for people who use "
            "services and their families."
        ),
        link_url="https://www.scie.org.uk/mca/directory",
        publisher="Social Care Institute for Excellence",
        year=None,
        format=ResourceFormat.TOOLKIT,
        source="organisational",
        topics=("mental-capacity",),
        pcf=("knowledge", "skills-and-interventions"),
        audiences=ALL_STAGES,
        profile=SCIE_GUIDE,
        overrides={
            "accuracy": (
                PARTLY,
                (
                    "A directory of other people's resources, of mixed age; check the date of "
                    "anything you use."
                ),
            ),
            "specificity": (
                PARTLY,
                "Mixes several kinds of knowledge without always saying which is which.",
            ),
        },
    ),
    DemoResource(
        slug="scie-dols-at-a-glance",
        title="Deprivation of Liberty Safeguards (DoLS) at a glance",
        summary=(
            "A short SCIE introduction to DoLS, the part of the Mental Capacity Act that "
            "protects people in care homes and hospitals who lack capacity to consent to care "
            "arrangements depriving them of their liberty: the Cheshire West acid test, how the "
            "care home or hospital applies to the local authority for authorisation, the "
            "assessments, the person's representative and the right to challenge."
        ),
        link_url="https://www.scie.org.uk/mca/dols/at-a-glance",
        publisher="Social Care Institute for Excellence",
        year=None,
        format=ResourceFormat.GUIDE,
        source="practitioner",
        topics=("mental-capacity",),
        pcf=("knowledge", "rights-justice-and-economic-wellbeing"),
        audiences=("student", "newly-qualified"),
        profile=SCIE_GUIDE,
        overrides={
            "transparency": (
                PARTLY,
                "Clearly SCIE's, but the page does not make plain when it was last revised.",
            ),
        },
    ),
    DemoResource(
        slug="scie-social-care-tv",
        title="Social Care TV",
        summary=(
            "Short films from SCIE showing practice and the experiences of people who use "
            "services and carers, on topics from dementia and personalisation to safeguarding. "
            "Good for teaching and team discussion."
        ),
        link_url="https://www.scie.org.uk/socialcaretv/",
        publisher="Social Care Institute for Excellence",
        year=None,
        format=ResourceFormat.VIDEO,
        source="service-users-and-carers",
        topics=("co-production", "care-and-support"),
        pcf=("values-and-ethics", "skills-and-interventions"),
        audiences=("student", "educator"),
        profile=LIVED_EXPERIENCE,
        overrides={
            "transparency": (
                PARTLY,
                (
                    "Films credit the organisations involved, but dates and how people were "
                    "chosen are not always given."
                ),
            ),
            "accuracy": (
                PARTLY,
                (
                    "Personal accounts are authentic, but some of the films show practice and "
                    "policy from more than a decade ago."
                ),
            ),
            "accessibility": (MET, "Short films with transcripts or subtitles, free to watch."),
        },
        reviewed_days_ago=380,
    ),
    DemoResource(
        slug="scie-safeguarding-adults-sharing-information",
        title="Safeguarding adults: sharing information",
        summary=(
            "SCIE's guide to information sharing in adult safeguarding: when to seek the "
            "person's consent, when information can be shared without it, how the common law "
            "duty of confidentiality and data protection law apply, and how to record the "
            "decision and the reasons for it."
        ),
        link_url="https://www.scie.org.uk/safeguarding/adults/practice/sharing-information",
        publisher="Social Care Institute for Excellence",
        year=2019,
        format=ResourceFormat.GUIDE,
        source="practitioner",
        topics=("information-governance", "adult-safeguarding"),
        pcf=("professionalism", "values-and-ethics", "contexts-and-organisations"),
        audiences=ALL_STAGES,
        profile=SCIE_GUIDE,
        comment="Read it with the Care Act statutory guidance chapter on safeguarding.",
    ),
    # --- Making Safeguarding Personal ---------------------------------------------------------
    DemoResource(
        slug="making-safeguarding-personal",
        title="Making Safeguarding Personal",
        summary=(
            "A sector-led approach to adult safeguarding that starts from what the person wants "
            "to happen: outcomes they define, their involvement throughout, and asking whether "
            "they feel safer. The LGA's pages gather the toolkit, outcomes framework and case "
            "studies."
        ),
        link_url=(
            "https://www.local.gov.uk/our-support/our-improvement-offer/care-and-health-improvement/making-safeguarding-personal"
        ),
        publisher="Local Government Association and ADASS",
        year=2019,
        format=ResourceFormat.TOOLKIT,
        source="organisational",
        topics=("adult-safeguarding", "co-production"),
        pcf=(
            "values-and-ethics",
            "skills-and-interventions",
            "rights-justice-and-economic-wellbeing",
        ),
        audiences=ALL_STAGES,
        profile=PRACTICE_PROGRAMME,
        overrides={
            "transparency": (
                MET,
                (
                    "The Local Government Association and ADASS say who developed each "
                    "resource and how it was tested with councils."
                ),
            ),
            "specificity": (
                MET,
                (
                    "Meets the standard for organisational knowledge: sector-led, tested in "
                    "councils and tied to the Care Act duties."
                ),
            ),
        },
        comment="Ask 'what does a good outcome look like for you?' before anything else.",
        second_opinion={},
    ),
    DemoResource(
        slug="myths-and-realities-making-safeguarding-personal",
        title="Myths and realities about Making Safeguarding Personal",
        summary=(
            "Takes common misunderstandings, such as that Making Safeguarding Personal means "
            "doing whatever the person says, or that it does not apply when someone lacks "
            "capacity, and sets out what the law and good practice actually say."
        ),
        link_url=(
            "https://www.local.gov.uk/publications/myths-and-realities-about-making-safeguarding-personal"
        ),
        publisher="Local Government Association and ADASS",
        year=2019,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("adult-safeguarding", "mental-capacity"),
        pcf=("knowledge", "critical-reflection-and-analysis"),
        audiences=("student", "newly-qualified"),
        profile=PRACTICE_PROGRAMME,
        overrides={
            "transparency": (
                MET,
                (
                    "Published by the Local Government Association and ADASS, who name the "
                    "authors and the councils that contributed."
                ),
            ),
        },
    ),
    # --- NICE ---------------------------------------------------------------------------------
    DemoResource(
        slug="nice-ng86-experience-adult-social-care",
        title="People's experience in adult social care services (NG86)",
        summary=(
            "NICE's guideline on improving the experience of care and support for adults using "
            "social care: being treated as an individual, having information, choice and "
            "control, and continuity in the people who support you."
        ),
        link_url="https://www.nice.org.uk/guidance/ng86",
        publisher="National Institute for Health and Care Excellence",
        year=2018,
        format=ResourceFormat.GUIDE,
        source="research",
        topics=("care-and-support", "co-production"),
        pcf=("values-and-ethics", "skills-and-interventions"),
        audiences=ALL_STAGES,
        profile=NICE_GUIDELINE,
    ),
    DemoResource(
        slug="nice-ng108-decision-making-and-mental-capacity",
        title="Decision-making and mental capacity (NG108)",
        summary=(
            "Evidence-based recommendations on supporting people to make their own decisions, "
            "assessing capacity, best-interests decisions and advance care planning, for "
            "everyone working under the Mental Capacity Act."
        ),
        link_url="https://www.nice.org.uk/guidance/ng108",
        publisher="National Institute for Health and Care Excellence",
        year=2018,
        format=ResourceFormat.GUIDE,
        source="research",
        topics=("mental-capacity",),
        pcf=("knowledge", "skills-and-interventions", "values-and-ethics"),
        audiences=ALL_STAGES,
        profile=NICE_GUIDELINE,
        comment="More current than the 2007 Code of Practice on supporting decision-making.",
    ),
    DemoResource(
        slug="nice-ng76-child-abuse-and-neglect",
        title="Child abuse and neglect (NG76)",
        summary=(
            "Recommendations on recognising, assessing and responding to child abuse and "
            "neglect, including what to do when you are concerned, and on early help and "
            "therapeutic support for children and families."
        ),
        link_url="https://www.nice.org.uk/guidance/ng76",
        publisher="National Institute for Health and Care Excellence",
        year=2017,
        format=ResourceFormat.GUIDE,
        source="research",
        topics=("child-protection",),
        pcf=("knowledge", "skills-and-interventions"),
        audiences=ALL_STAGES,
        profile=NICE_GUIDELINE,
        second_opinion={
            "accessibility": (
                PARTLY,
                (
                    "The recommendations are long and written for a multi-agency audience; "
                    "social workers need to pick out their parts."
                ),
            ),
        },
    ),
    DemoResource(
        slug="nice-ng189-safeguarding-adults-in-care-homes",
        title="Safeguarding adults in care homes (NG189)",
        summary=(
            "Recommendations for care home staff, managers, local authorities and commissioners "
            "on preventing abuse and neglect in care homes, recognising it, and responding when "
            "it happens."
        ),
        link_url="https://www.nice.org.uk/guidance/ng189",
        publisher="National Institute for Health and Care Excellence",
        year=2021,
        format=ResourceFormat.GUIDE,
        source="research",
        topics=("adult-safeguarding",),
        pcf=("knowledge", "contexts-and-organisations"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=NICE_GUIDELINE,
    ),
    DemoResource(
        slug="nice-ng27-transition-hospital-community",
        title=(
            "Transition between inpatient hospital settings and community or care home "
            "settings (NG27)"
        ),
        summary=(
            "How health and social care should work together when adults with social care needs "
            "go into and leave hospital, so that discharge is safe, timely and planned with the "
            "person and their carers."
        ),
        link_url="https://www.nice.org.uk/guidance/ng27",
        publisher="National Institute for Health and Care Excellence",
        year=2015,
        format=ResourceFormat.GUIDE,
        source="research",
        topics=("transitions", "care-and-support", "carers"),
        pcf=("skills-and-interventions", "contexts-and-organisations"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=NICE_GUIDELINE,
        overrides={
            "accuracy": (
                PARTLY,
                (
                    "The evidence base is sound but dates from 2015; national discharge policy "
                    "has changed since, so check current discharge guidance."
                ),
            ),
        },
        reviewed_days_ago=410,
    ),
    DemoResource(
        slug="nice-ng150-supporting-adult-carers",
        title="Supporting adult carers (NG150)",
        summary=(
            "How to identify carers, assess their needs, and give them information, training, "
            "and practical and emotional support, including at the end of life of the person "
            "they care for."
        ),
        link_url="https://www.nice.org.uk/guidance/ng150",
        publisher="National Institute for Health and Care Excellence",
        year=2020,
        format=ResourceFormat.GUIDE,
        source="research",
        topics=("carers",),
        pcf=("skills-and-interventions", "rights-justice-and-economic-wellbeing"),
        audiences=ALL_STAGES,
        profile=NICE_GUIDELINE,
    ),
    DemoResource(
        slug="nice-ng205-looked-after-children",
        title="Looked-after children and young people (NG205)",
        summary=(
            "Recommendations on the care, health and wellbeing of looked-after children and "
            "care leavers, including stable relationships, placements, education and support "
            "into adulthood."
        ),
        link_url="https://www.nice.org.uk/guidance/ng205",
        publisher="National Institute for Health and Care Excellence",
        year=2021,
        format=ResourceFormat.GUIDE,
        source="research",
        topics=("children-in-care",),
        pcf=("knowledge", "skills-and-interventions"),
        audiences=ALL_STAGES,
        profile=NICE_GUIDELINE,
    ),
    # --- Information governance ---------------------------------------------------------------
    DemoResource(
        slug="ico-uk-gdpr-guidance",
        title="UK GDPR guidance and resources",
        summary=(
            "The Information Commissioner's Office's guidance on the UK GDPR: the principles, "
            "lawful bases, special category data, individuals' rights and security. The place "
            "to start on any data protection question."
        ),
        link_url="https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/",
        publisher="Information Commissioner's Office",
        year=2023,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("information-governance",),
        pcf=("knowledge", "professionalism"),
        audiences=ALL_STAGES,
        profile=ICO_GUIDANCE,
    ),
    DemoResource(
        slug="ico-right-of-access",
        title="Right of access",
        summary=(
            "Detailed guidance on subject access requests: recognising one, the time limits, "
            "and when information about other people may be withheld. Social care records are "
            "often requested, for example by adults who grew up in care."
        ),
        link_url=(
            "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/right-of-access/"
        ),
        publisher="Information Commissioner's Office",
        year=2023,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("information-governance", "children-in-care"),
        pcf=("knowledge", "rights-justice-and-economic-wellbeing"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=ICO_GUIDANCE,
        comment="Write every record as if the person will read it one day: they may.",
    ),
    DemoResource(
        slug="ico-data-sharing-code",
        title="Data sharing: a code of practice",
        summary=(
            "The statutory code on sharing personal data fairly and lawfully, including data "
            "sharing agreements, sharing in an emergency, and sharing to protect children and "
            "adults at risk."
        ),
        link_url=(
            "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/data-sharing/data-sharing-a-code-of-practice/"
        ),
        publisher="Information Commissioner's Office",
        year=2021,
        format=ResourceFormat.GUIDE,
        source="organisational",
        topics=("information-governance", "adult-safeguarding", "child-protection"),
        pcf=("knowledge", "contexts-and-organisations"),
        audiences=("experienced-practitioner",),
        profile=ICO_GUIDANCE,
    ),
    # --- Reviews and inquiries ----------------------------------------------------------------
    DemoResource(
        slug="munro-review-final-report",
        title="The Munro Review of Child Protection: final report",
        summary=(
            "Eileen Munro's review argued that child protection had become too driven by "
            "procedures and targets, and called for a child-centred system that values "
            "professional judgement, learning and relationships."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/munro-review-of-child-protection-final-report-a-child-centred-system"
        ),
        publisher="Department for Education",
        authors="Eileen Munro",
        year=2011,
        format=ResourceFormat.REPORT,
        source="policy-community",
        topics=("child-protection", "supervision-and-reflection"),
        pcf=("critical-reflection-and-analysis", "contexts-and-organisations"),
        audiences=("student", "experienced-practitioner", "educator"),
        profile=INDEPENDENT_REVIEW,
        overrides={
            "accuracy": (
                MET,
                "Its systems analysis is well evidenced and its diagnosis has stood up well.",
            ),
        },
        reviewed_days_ago=450,
        comment="Still the best account of why procedures alone cannot keep children safe.",
        second_opinion={
            "accuracy": (
                PARTLY,
                (
                    "The analysis holds, but statistics and policy references are from 2011; "
                    "read it as history and argument, not current fact."
                ),
            ),
        },
    ),
    DemoResource(
        slug="independent-review-childrens-social-care",
        title="The independent review of children's social care: final report",
        summary=(
            "Josh MacAlister's review of the whole children's social care system in England, "
            "recommending a shift to family help, a new approach to child protection, more "
            "support for kinship carers and lifelong relationships for children in care."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/independent-review-of-childrens-social-care-final-report"
        ),
        publisher="The Independent Review of Children's Social Care",
        authors="Josh MacAlister",
        year=2022,
        format=ResourceFormat.REPORT,
        source="policy-community",
        topics=("child-protection", "children-in-care"),
        pcf=("contexts-and-organisations", "rights-justice-and-economic-wellbeing"),
        audiences=("experienced-practitioner", "educator"),
        profile=INDEPENDENT_REVIEW,
        overrides={
            "propriety": (
                MET,
                (
                    "Worked with an experts-by-experience board of people with care experience "
                    "throughout."
                ),
            ),
        },
    ),
    DemoResource(
        slug="national-review-arthur-and-star",
        title=(
            "Child Protection in England: national review into the murders of Arthur "
            "Labinjo-Hughes and Star Hobson"
        ),
        summary=(
            "The Child Safeguarding Practice Review Panel's review of how agencies responded to "
            "two children who were murdered in 2020, and its recommendations for multi-agency "
            "child protection teams and national practice standards."
        ),
        link_url=(
            "https://www.gov.uk/government/publications/national-review-into-the-murders-of-arthur-labinjo-hughes-and-star-hobson"
        ),
        publisher="Child Safeguarding Practice Review Panel",
        year=2022,
        format=ResourceFormat.REPORT,
        source="organisational",
        topics=("child-protection",),
        pcf=(
            "critical-reflection-and-analysis",
            "skills-and-interventions",
            "contexts-and-organisations",
        ),
        audiences=("newly-qualified", "experienced-practitioner", "educator"),
        profile=INDEPENDENT_REVIEW,
        overrides={
            "transparency": (
                MET,
                (
                    "A statutory panel that sets out its method: case reviews, practice visits "
                    "and evidence from practitioners and families."
                ),
            ),
            "utility": (
                MET,
                (
                    "Its findings on information sharing, listening to relatives and critical "
                    "thinking translate directly into practice."
                ),
            ),
            "specificity": (
                MET,
                (
                    "Meets the standard of organisational knowledge: a statutory review of "
                    "practice, evidenced and specific."
                ),
            ),
        },
        comment="Difficult reading. Plan time to talk it through with a supervisor or peer.",
    ),
    # --- Lived experience ---------------------------------------------------------------------
    DemoResource(
        slug="tlap-making-it-real",
        title="Making it Real",
        summary=(
            "A framework of 'I' and 'We' statements, written with people who draw on care and "
            "support, describing what good personalised care looks like from their point of "
            "view. Used by councils and providers to check their practice."
        ),
        link_url="https://www.thinklocalactpersonal.org.uk/makingitreal/",
        publisher="Think Local Act Personal",
        year=2018,
        format=ResourceFormat.TOOLKIT,
        source="service-users-and-carers",
        topics=("co-production", "care-and-support"),
        pcf=("values-and-ethics", "diversity-and-equality"),
        audiences=ALL_STAGES,
        profile=LIVED_EXPERIENCE,
        comment="Use the 'I' statements as questions in a review meeting.",
        second_opinion={},
    ),
    DemoResource(
        slug="shaping-our-lives-beyond-the-usual-suspects",
        title="Beyond the usual suspects: towards inclusive user involvement",
        summary=(
            "User-led research on why some groups of people who use services are seldom "
            "involved in shaping them, and what organisations can do to include people whose "
            "voices are usually missing."
        ),
        link_url="https://shapingourlives.org.uk/resources/",
        publisher="Shaping Our Lives",
        authors="Peter Beresford",
        year=2013,
        format=ResourceFormat.REPORT,
        source="service-users-and-carers",
        topics=("co-production", "human-rights-and-equality"),
        pcf=("diversity-and-equality", "values-and-ethics"),
        audiences=("student", "experienced-practitioner", "educator"),
        profile=LIVED_EXPERIENCE,
        overrides={
            "purposivity": (
                MET,
                (
                    "User-led research is exactly the right method for a question about user "
                    "involvement."
                ),
            ),
            "accessibility": (
                PARTLY,
                (
                    "Free, with an easy-read summary, but finding it on the organisation's "
                    "site takes some searching."
                ),
            ),
        },
        reviewed_days_ago=370,
    ),
    DemoResource(
        slug="carers-uk-state-of-caring-2023",
        title="State of Caring 2023",
        summary=(
            "Carers UK's annual survey of unpaid carers: the cost of caring, health and "
            "wellbeing, breaks, juggling work and care, and experiences of carer's assessments."
        ),
        link_url="https://www.carersuk.org/reports/state-of-caring-2023/",
        publisher="Carers UK",
        year=2023,
        format=ResourceFormat.REPORT,
        source="service-users-and-carers",
        topics=("carers",),
        pcf=("rights-justice-and-economic-wellbeing", "knowledge"),
        audiences=ALL_STAGES,
        profile=LIVED_EXPERIENCE,
        overrides={
            "accuracy": (
                PARTLY,
                (
                    "Faithful to what respondents said, but the sample is self-selected carers "
                    "in touch with Carers UK, so percentages may not represent all carers."
                ),
            ),
            "purposivity": (
                PARTLY,
                (
                    "A large survey shows the breadth of carers' experience well; it cannot "
                    "show cause and effect, and the report sometimes reads as if it does."
                ),
            ),
        },
        comment=(
            "Powerful on carers' experience; be careful quoting the percentages as national "
            "figures."
        ),
        second_opinion={
            "purposivity": (
                MET,
                (
                    "For its purpose, giving carers a collective voice to policy makers, a "
                    "large survey is exactly right."
                ),
            ),
        },
        second_comment=(
            "A good example for students of how the same source serves different purposes."
        ),
    ),
    # --- Practice programmes ------------------------------------------------------------------
    DemoResource(
        slug="practice-supervisor-development-programme",
        title="Practice Supervisor Development Programme: open access resources",
        summary=(
            "Learning materials for practice supervisors in child and family social work: "
            "briefings, practice tools and podcasts on supervision, emotional containment, "
            "anti-racist practice and developing others."
        ),
        link_url="https://practice-supervisors.rip.org.uk/",
        publisher="Research in Practice",
        year=2020,
        format=ResourceFormat.TOOLKIT,
        source="practitioner",
        topics=("supervision-and-reflection",),
        pcf=("professional-leadership", "critical-reflection-and-analysis"),
        audiences=("experienced-practitioner", "educator"),
        profile=PRACTICE_PROGRAMME,
    ),
    DemoResource(
        slug="tackling-child-exploitation-resources",
        title="Tackling Child Exploitation Support Programme resources",
        summary=(
            "Open resources on responding to child exploitation and extra-familial harm: "
            "practice guidance, resources for strategic leaders, and materials on working with "
            "parents and carers and with young people's own views."
        ),
        link_url="https://tce.researchinpractice.org.uk/",
        publisher="Research in Practice",
        year=2021,
        format=ResourceFormat.TOOLKIT,
        source="practitioner",
        topics=("exploitation", "child-protection"),
        pcf=("skills-and-interventions", "contexts-and-organisations"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=PRACTICE_PROGRAMME,
    ),
    DemoResource(
        slug="research-in-practice-podcasts",
        title="Research in Practice podcasts",
        summary=(
            "Conversations with researchers, practitioners and people with lived experience on "
            "current issues in children's and adults' social care. Easy to fit into a commute "
            "as part of your CPD."
        ),
        link_url="https://www.researchinpractice.org.uk/",
        publisher="Research in Practice",
        year=None,
        format=ResourceFormat.PODCAST,
        source="practitioner",
        topics=("evidence-informed-practice", "supervision-and-reflection"),
        pcf=("knowledge", "critical-reflection-and-analysis"),
        audiences=("newly-qualified", "experienced-practitioner"),
        profile=PRACTICE_PROGRAMME,
        is_open_access=False,
        overrides={
            "transparency": (
                PARTLY,
                "Speakers are named, but episodes do not always cite the research they discuss.",
            ),
            "accessibility": (
                PARTLY,
                (
                    "Some episodes are free; much of the content is for staff of member "
                    "organisations only."
                ),
            ),
        },
    ),
    DemoResource(
        slug="nspcc-gillick-competence-fraser-guidelines",
        title="Gillick competence and Fraser guidelines",
        summary=(
            "How to judge whether a child under 16 can consent to their own medical treatment "
            "or advice without a parent's agreement: the Gillick competence test from the House "
            "of Lords' 1985 judgment, and the Fraser guidelines on contraceptive advice. Written "
            "for practitioners in paediatric, sexual health, education and social care settings."
        ),
        link_url=(
            "https://learning.nspcc.org.uk/child-protection-system/gillick-competence-fraser-guidelines"
        ),
        publisher="NSPCC Learning",
        year=2022,
        format=ResourceFormat.GUIDE,
        source="practitioner",
        topics=("child-protection", "ethics-and-values"),
        pcf=("values-and-ethics", "knowledge"),
        audiences=ALL_STAGES,
        profile=PRACTICE_PROGRAMME,
        overrides={
            "transparency": (
                MET,
                (
                    "NSPCC Learning dates the page and names the judgment and guidance it "
                    "summarises."
                ),
            ),
            "accuracy": (
                MET,
                "Consistent with the judgment and with current guidance on consent.",
            ),
            "purposivity": (
                MET,
                "A short briefing is the right form for explaining a legal test to practitioners.",
            ),
        },
    ),
    # --- Information for the public, and open learning ----------------------------------------
    DemoResource(
        slug="mind-mental-health-act-guide",
        title="Mental Health Act 1983: your legal rights",
        summary=(
            "Mind's plain-language guide for people who may be detained under the Mental Health "
            "Act, and those close to them: sections, rights to appeal and to an advocate, and "
            "what the Nearest Relative can do."
        ),
        link_url=(
            "https://www.mind.org.uk/information-support/legal-rights/mental-health-act-1983/overview/"
        ),
        publisher="Mind",
        year=None,
        format=ResourceFormat.GUIDE,
        source="policy-community",
        topics=("mental-health", "human-rights-and-equality"),
        pcf=("rights-justice-and-economic-wellbeing", "knowledge"),
        audiences=("student", "newly-qualified"),
        profile=STATUTORY_GUIDANCE,
        overrides={
            "transparency": (
                MET,
                (
                    "Mind says when each page was last reviewed and that its legal information "
                    "is checked by lawyers."
                ),
            ),
            "accuracy": (
                MET,
                (
                    "Accurate on the law as it stands; it summarises rather than replaces the "
                    "Act and Code."
                ),
            ),
            "purposivity": (
                MET,
                "Written to help people understand their rights, and does that well.",
            ),
            "utility": (MET, "Ideal to share with people you work with and their families."),
            "propriety": (
                MET,
                (
                    "Written from the perspective of the person detained, respecting their "
                    "rights and dignity."
                ),
            ),
            "accessibility": (
                MET,
                "Plain language, short pages, free, and available in other formats on request.",
            ),
            "specificity": (
                MET,
                (
                    "Meets the standard for public legal information from a national charity: "
                    "current, reviewed and careful about its limits."
                ),
            ),
        },
    ),
    DemoResource(
        slug="openlearn-social-care-courses",
        title="OpenLearn free courses in social care and social work",
        summary=(
            "Free short courses from The Open University on social work and social care topics, "
            "from introducing social work practice to caring and safeguarding. Each comes with "
            "a statement of participation."
        ),
        link_url="https://www.open.edu/openlearn/health-sports-psychology/social-care",
        publisher="The Open University",
        year=None,
        format=ResourceFormat.ELEARNING,
        source="research",
        topics=("evidence-informed-practice", "professional-standards"),
        pcf=("knowledge", "professionalism"),
        audiences=("student",),
        profile=SCIE_GUIDE,
        overrides={
            "transparency": (MET, "Courses name their authors and when they were published."),
            "accuracy": (
                PARTLY,
                (
                    "Academically sound, but some courses were written several years ago; "
                    "check any law or policy against current sources."
                ),
            ),
            "purposivity": (
                MET,
                "Structured e-learning with activities suits introductory learning well.",
            ),
            "utility": (
                PARTLY,
                (
                    "A good foundation for students and applicants; less useful for qualified "
                    "practitioners' CPD."
                ),
            ),
            "specificity": (
                MET,
                "Meets the standard for educational material: authored by academics and reviewed.",
            ),
        },
    ),
]


@dataclass(frozen=True)
class DemoReadingList:
    slug: str
    title: str
    intro: str
    purpose: str
    context_name: str
    topic: str | None
    members_only: bool
    items: tuple[tuple[str, str], ...]


READING_LISTS = [
    DemoReadingList(
        slug="adult-safeguarding-where-to-start",
        title="Adult safeguarding: where to start",
        intro=(
            "For students starting a placement in adult services and newly qualified social "
            "workers taking on their first safeguarding enquiries. Read in this order: the law, "
            "then the guidance, then the approach that puts the person at the centre."
        ),
        purpose="topic",
        context_name="",
        topic="adult-safeguarding",
        members_only=False,
        items=(
            (
                "care-act-2014",
                (
                    "Sections 42 to 47. Note that the duty to make enquiries is the local "
                    "authority's, even when others do the work."
                ),
            ),
            (
                "care-and-support-statutory-guidance",
                "Chapter 14, especially the six safeguarding principles.",
            ),
            ("scie-types-and-indicators-of-abuse", "Read before your first duty shift."),
            (
                "making-safeguarding-personal",
                "The approach your enquiries should follow: outcomes the person defines.",
            ),
            (
                "myths-and-realities-making-safeguarding-personal",
                "Test your understanding against the myths.",
            ),
            (
                "nice-ng189-safeguarding-adults-in-care-homes",
                "For placements that involve care homes.",
            ),
        ),
    ),
    DemoReadingList(
        slug="first-placement-law-and-ethics",
        title="First placement: law, ethics and standards",
        intro=(
            "Core reading for the readiness for direct practice module and the first placement. "
            "Each week's seminar picks up one of these."
        ),
        purpose="module",
        context_name="Readiness for Direct Practice",
        topic=None,
        members_only=False,
        items=(
            (
                "social-work-england-professional-standards",
                "Week 1: what the regulator expects of you, even as a student.",
            ),
            ("basw-code-of-ethics", "Week 2: the values behind the standards."),
            (
                "basw-professional-capabilities-framework",
                "Week 3: the domains your placement will be assessed against.",
            ),
            ("human-rights-act-1998", "Week 4: Article 8 comes up in almost every case."),
            ("mental-capacity-act-2005", "Week 5: the five principles."),
            (
                "data-protection-act-2018",
                "Week 6: with the ICO guidance, for recording and sharing information.",
            ),
        ),
    ),
    DemoReadingList(
        slug="judging-sources-practice-set",
        title="Judging sources: a practice set",
        intro=(
            "Resources chosen because educators disagree about them, or because they do well on "
            "some questions and poorly on others. Appraise each one yourself with the seven "
            "questions, then compare your judgement with the educators'."
        ),
        purpose="placement",
        context_name="Spring placement peer group",
        topic="evidence-informed-practice",
        members_only=True,
        items=(
            ("scie-knowledge-review-3", "Start here: where the seven questions come from."),
            (
                "carers-uk-state-of-caring-2023",
                "A survey: what can it tell you, and what can it not?",
            ),
            (
                "mental-capacity-act-code-of-practice",
                "An official code that has aged. How much does that matter?",
            ),
            ("social-care-online", "A finding tool rather than a source: does specificity apply?"),
            ("munro-review-final-report", "An argument as well as evidence."),
        ),
    ),
]

# Learners' own appraisals and usefulness ratings, so the comparison and "your
# appraisals" pages have something to show.
LEARNER_APPRAISALS = [
    (
        DEMO_STUDENT,
        "carers-uk-state-of-caring-2023",
        {
            "transparency": (MET, "Says who ran the survey and when."),
            "accuracy": (MET, "It is what carers said, so I trusted it."),
            "purposivity": (MET, "A survey seems right for finding out what carers think."),
            "utility": (MET, "I used it in my assignment on carers' assessments."),
            "propriety": (MET, "Carers chose to take part."),
            "accessibility": (MET, "Easy to read with clear charts."),
            "specificity": (MET, "It is carers' own voice."),
        },
        "I had not thought about who answers a survey like this. The educators' point about a "
        "self-selected sample changes how I would quote it.",
    ),
    (
        DEMO_STUDENT,
        "scie-knowledge-review-3",
        {
            "transparency": (MET, "Authors and method are clear."),
            "accuracy": (MET, "Lots of references."),
            "purposivity": (PARTLY, "I was not sure a review could create a framework."),
            "utility": (PARTLY, "Useful idea but long."),
            "propriety": (NA, "No people were involved, so I did not think this applied."),
            "accessibility": (NOT_MET, "Very academic and hard to find."),
            "specificity": (MET, "It is research."),
        },
        "",
    ),
]

RATINGS = [
    (DEMO_PRACTITIONER, "care-act-2014", 5, "I have sections 9, 10 and 42 bookmarked."),
    (
        DEMO_PRACTITIONER,
        "making-safeguarding-personal",
        5,
        "Changed how I open a safeguarding conversation.",
    ),
    (DEMO_PRACTITIONER, "nice-ng108-decision-making-and-mental-capacity", 4, ""),
    (
        DEMO_PRACTITIONER,
        "mental-capacity-act-code-of-practice",
        3,
        "Good examples, but I check case law now.",
    ),
    (DEMO_PRACTITIONER, "social-work-england-cpd-guidance", 4, "Clear about what to record."),
    (DEMO_STUDENT, "carers-uk-state-of-caring-2023", 5, "Really helped with my carers assignment."),
    (DEMO_STUDENT, "scie-types-and-indicators-of-abuse", 4, ""),
    (
        DEMO_STUDENT,
        "basw-professional-capabilities-framework",
        4,
        "Used it to plan my placement learning agreement.",
    ),
    (DEMO_STUDENT, "scie-knowledge-review-3", 2, "Hard going."),
]

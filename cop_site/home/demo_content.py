"""The texts and accounts that `manage.py load_demo_content` puts in a demo site.

Page bodies are StreamField data in Wagtail's stored form: a list of blocks, each
`{"type": ..., "value": ...}`, with rich text as Wagtail's stored HTML. The pages are
meant to be read as they are and edited by the organisation that runs a real site.
"""

import datetime
from dataclasses import dataclass, field

from cop_site.accounts.models import ProfileField, Role
from cop_site.accounts.regulators import Regulator

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed to the person running the demo
LAST_REVIEWED = datetime.date(2026, 11, 1)
# Where the privacy notice sends requests the site cannot yet handle itself: the demo's
# site admin account. A real site puts its own address in the page.
ADMIN_EMAIL = "admin@example.com"


def heading(text: str) -> dict:
    return {"type": "heading", "value": text}


def paragraph(*html: str) -> dict:
    return {"type": "paragraph", "value": "".join(html)}


def callout(title: str, *html: str) -> dict:
    return {"type": "callout", "value": {"heading": title, "text": "".join(html)}}


def bullets(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# --- The home page ------------------------------------------------------------------------

HOME_INTRO = (
    "A shared place for social work students, qualified social workers, educators, and people "
    "who use services and their carers to learn together: find resources that educators have "
    "appraised, judge them for yourself, and meet the other members."
)

HOME_BODY = [
    heading("What this site is for"),
    paragraph(
        "<p>Social work is learnt in practice, in conversation and in reflection. This site "
        "is a community of practice, where people who share a craft learn from one another, "
        "and it follows the way social workers and students actually work.</p>",
        "<p>It is for social work education and continuing professional development (CPD) in "
        "the UK. The software is open source, so a university, an employer or a teaching "
        "partnership can run its own copy for its students and staff. It grows a piece at a "
        "time: this page shows what you can use today.</p>",
    ),
    heading("Who it is for"),
    paragraph(
        "<h3>Students on placement</h3>",
        "<p>Find resources for the work in front of you, see how credible each one is and why, "
        "and practise judging sources yourself: appraise a resource with the same seven "
        "questions the educators use, then compare your judgement with theirs.</p>",
        "<h3>Qualified social workers</h3>",
        "<p>Find guidance, research and practice tools that educators have appraised for "
        "credibility, rate how useful they were to you, and save searches so that the site "
        "tells you when something new matches. Your profile can show your professional "
        "registration, checked against your regulator's public register.</p>",
        "<h3>Educators</h3>",
        "<p>Tutors, lecturers and practice educators curate and appraise resources, put "
        "together reading lists, keep resources under review, and check the professional "
        "registrations of the social workers and educators who join.</p>",
        "<h3>People who use services and carers</h3>",
        "<p>Experts by experience are members here too. You choose how you are named (your "
        "own name or a pseudonym) and which parts of your profile other members can see.</p>",
        "<h3>Moderators</h3>",
        "<p>Moderators keep the community safe and make sure the community guidelines are "
        "followed. They can see the list of members and the roles each person holds.</p>",
    ),
    heading("What we hold to"),
    paragraph(
        bullets(
            "<b>Practice-led.</b> The site follows the way social workers and students work, "
            "not the other way round.",
            "<b>Thinking critically about sources.</b> Knowledge on the web comes and goes and "
            "varies in quality. Every resource shows how credible it is and why, and you can "
            "make your own judgement and compare it with an educator's.",
            "<b>Consent, confidentiality and privacy.</b> Nothing about a person who uses "
            "services is shared because the technology makes it easy. You choose what others "
            "can see about you.",
            "<b>Access for everyone.</b> The site is built to work for disabled people, on old "
            "phones and slow connections, and without JavaScript.",
            "<b>Clear professional identity.</b> Social workers and educators show their name, "
            "qualifications, regulator and registration number, and registrations are checked "
            "against the regulator's public register.",
        ),
    ),
    callout(
        "Confidentiality comes first",
        "<p>Never write anything that could identify a person who uses services: names, "
        "addresses, dates of birth, NHS or National Insurance numbers, or details distinctive "
        "enough for someone to be recognised, including in a rating's comment or an "
        'appraisal. Read the <a href="/community-guidelines/">community guidelines</a>.</p>',
    ),
    heading("Getting started"),
    paragraph(
        '<p><a href="/accounts/signup/">Create an account</a> with your email address and '
        "choose the role that fits you: student, qualified social worker, or service user or "
        "carer contributor. Educator and moderator roles are given by the site's "
        "administrators. Then fill in your profile and choose which parts of it other members "
        "can see.</p>",
        '<p>The <a href="/privacy/">privacy notice</a> explains how we look after your '
        'information, and the <a href="/accessibility/">accessibility statement</a> explains '
        "how the site works with assistive technology and what to do if something does not "
        "work for you.</p>",
    ),
]


# --- Privacy notice -----------------------------------------------------------------------

PRIVACY_INTRO = (
    "How this site uses your personal information, why, who can see it, how long it is kept, "
    "and your rights under UK data protection law."
)

PRIVACY_BODY = [
    heading("Who we are"),
    paragraph(
        "<p>This site is run by an organisation such as a university, an employer or a social "
        "work teaching partnership (“we” and “us” in this notice). The organisation that runs "
        "this site is the controller of the personal information you give the site: it "
        "decides how the information is used and is responsible for looking after it under the "
        "UK General Data Protection Regulation (UK GDPR) and the Data Protection Act 2018.</p>",
    ),
    heading("The information we hold"),
    paragraph(
        "<p>What we hold depends on how you use the site and which roles you have.</p>",
        "<h3>Everyone with an account</h3>",
        bullets(
            "your email address, and your password stored only in a scrambled (hashed) form "
            "that nobody can read back",
            "the roles you hold (student, qualified social worker, educator, contributor, "
            "moderator or site admin) and when they were given",
            "your profile (display name, pronouns and a short description of yourself) and "
            "which parts of it other members can see",
            "if you set up two-factor authentication, the information that links your "
            "authenticator app, security keys, passkeys and recovery codes to your account",
            "the date you last signed in, and short-lived records of failed sign-in attempts "
            "that stop people guessing passwords",
        ),
        "<h3>Qualified social workers and educators</h3>",
        bullets(
            "your regulator, registration number, qualifications and employer",
            "whether your registration has been checked against the regulator's public "
            "register, who checked it and when",
        ),
        "<h3>What you do in the resource library</h3>",
        bullets(
            "the usefulness ratings you give resources, with any comment you add",
            "the appraisals you make of resources: an educator's appraisal is shown with their "
            "name, because it decides how credible the resource is said to be; a student's or "
            "practitioner's practice appraisal is seen only by them",
            "the searches you save, whether you asked for email alerts about them, and when "
            "the last alert was sent",
        ),
    ),
    heading("Why we use it, and our lawful basis"),
    paragraph(
        "<p>UK GDPR requires a lawful basis for each use of personal information. We rely on:</p>",
        bullets(
            "<b>Contract</b>: to provide your account and the services you signed up for.",
            "<b>Legitimate interests</b>: to keep the site secure and the community safe: limits "
            "on sign-in attempts, checking professional registrations, and keeping a record of "
            "who appraised a resource.",
            "<b>Explicit consent</b>: for any special category information (for example about "
            "your health, ethnicity or religion) that you choose to include in what you write. "
            "You can withdraw consent at any time.",
            "<b>Legal obligation</b>: where the law requires us to keep or share information, "
            "for example under a court order.",
        ),
        "<p>We do not use your information for marketing, we do not sell it, and we do not "
        "use it to make automated decisions about you.</p>",
    ),
    heading("Who can see your information"),
    paragraph(
        bullets(
            "<b>Your profile.</b> Other signed-in members see your display name and only the "
            "profile fields you have chosen to share. You can change these choices at any time "
            'on <a href="/accounts/profile/">your profile page</a>. Moderators and site admins '
            "can see your email address and roles to do their work.",
            "<b>Ratings.</b> Members see how many people rated a resource and the average "
            "score, not who gave each rating.",
            "<b>Appraisals.</b> An educator's appraisal is shown with their name. Your practice "
            "appraisals and saved searches are seen only by you.",
        ),
        "<p>We do not share your information with other organisations except:</p>",
        bullets(
            "companies that host the site for us, under a contract and only on our instructions",
            "your university, employer or regulator, when something you write raises a serious "
            'concern about professional conduct, as the <a href="/community-guidelines/">'
            "community guidelines</a> explain",
            "the emergency services or another agency, sharing only what is needed, when we "
            "believe someone is at serious risk of harm",
            "anyone the law requires us to share it with",
        ),
    ),
    heading("How long we keep it"),
    paragraph(
        bullets(
            "Your account, profile, ratings, appraisals and saved searches: until your account "
            "is deleted.",
            "Failed sign-in records: a few minutes.",
        ),
    ),
    heading("Your rights"),
    paragraph(
        "<p>You have the right to:</p>",
        bullets(
            "get a copy of the information we hold about you (the right of access), in a form "
            "other software can read (data portability)",
            "have inaccurate information corrected; you can change most of it yourself on "
            "your profile page",
            "have your information erased",
            "object to, or ask us to restrict, uses based on legitimate interests",
            "withdraw your consent at any time, where we rely on consent",
        ),
        "<p>Today you can see and change your profile, ratings, appraisals and saved searches "
        "yourself. The site cannot yet make a copy of your information or delete your account "
        f'for you: to ask for either, email the site admins at <a href="mailto:{ADMIN_EMAIL}">'
        f"{ADMIN_EMAIL}</a> from the address you signed up with, and they will do it by "
        "hand.</p>",
        "<p>Asking is free, and we will reply within one month. If you are unhappy with how "
        "we have used your information, please tell us so that we can put it right. You can "
        "also complain to the Information Commissioner's Office (ICO), the UK regulator "
        'for data protection: <a href="https://ico.org.uk/make-a-complaint/">'
        "ico.org.uk/make-a-complaint</a> or 0303 123 1113.</p>",
    ),
    heading("Keeping your information secure"),
    paragraph(
        bullets(
            "Every page is sent over an encrypted connection.",
            "Educators, moderators and site admins must set up two-factor authentication with "
            "an authenticator app, a security key or a passkey before they can use the admin "
            "or moderation tools. Everyone else can turn it on too.",
            "Only the people who need personal information for their role can see it.",
        ),
    ),
    heading("Cookies"),
    paragraph(
        "<p>We use only cookies that are strictly necessary for the site to work, so we do not "
        "ask for your consent to them. We use no analytics, advertising or tracking cookies, "
        "and pages load nothing from other websites, so no one else learns that you "
        "visited.</p>",
        bullets(
            "<b>sessionid</b> keeps you signed in as you move between pages. It is deleted "
            "when you sign out and expires after at most 12 hours.",
            "<b>csrftoken</b> protects the forms you fill in from being sent by another "
            "website pretending to be you. It expires after a year.",
            "<b>messages</b> carries a one-off notice, such as “Your profile has been saved”, "
            "to the next page, and is deleted once it has been shown.",
        ),
    ),
    heading("Contact us"),
    paragraph(
        "<p>To ask about this notice or to use any of your rights, email the site admins at "
        f'<a href="mailto:{ADMIN_EMAIL}">{ADMIN_EMAIL}</a>, or contact the data protection '
        "lead or Data Protection Officer of the organisation that runs this site.</p>",
    ),
]


# --- Accessibility statement --------------------------------------------------------------

ACCESSIBILITY_INTRO = (
    "How accessible this site is, what to do if you have a problem using it, and how we test "
    "it against the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA."
)

ACCESSIBILITY_BODY = [
    heading("Using this site"),
    paragraph(
        "<p>This site is run by an organisation such as a university, an employer or a social "
        "work teaching partnership. We want as many people as possible to be able to use it. "
        "For example, that means you should be able to:</p>",
        bullets(
            "change colours, contrast levels and fonts using your browser or device settings",
            "zoom in up to 400% without the text spilling off the screen",
            "use the site on a screen 320 pixels wide, such as a small or older phone, without "
            "scrolling sideways",
            "get around the whole site using just a keyboard",
            "get around most of the site using speech recognition software",
            "listen to the site using a screen reader, including recent versions of JAWS, NVDA "
            "and VoiceOver",
            "use every part of the site with JavaScript turned off",
            "use the site on a slow connection: pages are small and load nothing from other "
            "websites",
        ),
        "<p>We have also made the text as simple as possible to understand.</p>",
        '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
        "your device easier to use if you have a disability.</p>",
    ),
    heading("How accessible this site is"),
    paragraph(
        "<p>We know some parts of this site are not fully accessible:</p>",
        bullets(
            "The editing area used by educators and site admins to manage pages and resources "
            "is built on Wagtail, an open source content management system whose makers work "
            "to make it accessible. We have not tested it to the same standard as the public "
            "site, so it is outside the full guarantee of this statement.",
            "Documents uploaded by members or linked from resources, such as PDFs, Word files "
            "and slides from other organisations, may not be accessible. We ask everyone who "
            "uploads a document to check it, and we will find or make an accessible version "
            "when you ask.",
            "Other websites that resources link to are not covered by this statement.",
            "Video and audio in learning modules and contributions must have a transcript, but "
            "some older recordings may not have captions.",
            "Setting up two-factor authentication shows a QR code. The same secret is shown as "
            "text beside it, so you can type it into your authenticator app instead.",
            "Security keys and passkeys need JavaScript, because browsers only offer them to "
            "scripts. With JavaScript turned off, use an authenticator app for two-factor "
            "authentication instead.",
        ),
    ),
    heading("Feedback and contact information"),
    paragraph(
        "<p>If you need information on this site in a different format, such as an accessible "
        "PDF, large print, easy read, an audio recording or braille, contact the organisation "
        "that runs this site or ask a moderator. We will consider your request and get back to "
        "you within 10 working days.</p>",
    ),
    heading("Reporting accessibility problems with this site"),
    paragraph(
        "<p>We are always looking to improve the accessibility of this site. If you find a "
        "problem that is not listed on this page, or you think we are not meeting the "
        "accessibility requirements, please tell us: contact the organisation that runs this "
        "site or ask a moderator. Tell us the page, what you were trying to do, and the "
        "browser and assistive technology you use, if any.</p>",
    ),
    heading("Enforcement procedure"),
    paragraph(
        "<p>Where this site is run by a public sector body, such as a university, a local "
        "authority or an NHS organisation, it is covered by the Public Sector Bodies (Websites "
        "and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the “accessibility "
        "regulations”).</p>",
        "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
        "accessibility regulations. If you are not happy with how we respond to your "
        'complaint, contact the <a href="https://www.equalityadvisoryservice.com/">Equality '
        "Advisory and Support Service (EASS)</a>.</p>",
        "<p>If you are in Northern Ireland and are not happy with how we respond to your "
        'complaint, you can contact the <a href="https://www.equalityni.org/">Equality '
        "Commission for Northern Ireland (ECNI)</a>.</p>",
    ),
    heading("Technical information about this site's accessibility"),
    paragraph(
        "<p>The organisation that runs this site is committed to making it accessible, in "
        "accordance with the accessibility regulations.</p>",
        "<h3>Compliance status</h3>",
        "<p>This site is partially compliant with the "
        '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version '
        "2.2</a> AA standard, because of the non-compliances and exemptions listed below.</p>",
        "<h3>Non-accessible content</h3>",
        "<p>The content listed below is non-accessible for the following reasons.</p>",
        bullets(
            "Documents uploaded by members may fail success criteria such as 1.1.1 (non-text "
            "content), 1.3.1 (info and relationships) and 2.4.2 (page titled). Content shared "
            "by members that we neither fund, develop nor control is third-party content and "
            "exempt from the regulations, but we will still provide an accessible version on "
            "request.",
            "Some older recordings may not have captions, which fails success criterion 1.2.2 "
            "(captions, prerecorded). Every recording has a transcript.",
        ),
        "<h3>Disproportionate burden</h3>",
        "<p>We are not claiming that fixing any of the problems on this page would be a "
        "disproportionate burden.</p>",
    ),
    heading("How we tested this site"),
    paragraph(
        "<p>Every page template is checked automatically with axe-core, running in a real "
        "browser (Chromium) against the WCAG 2.2 A and AA rules, each time the site's code "
        "changes. A change is accepted only when every page passes with no violations. The "
        "same tests check that pages work at 320 pixels wide without scrolling sideways.</p>",
        "<p>Automated checks find only some problems, so we also check pages by hand: using "
        "only a keyboard, with the browser zoomed to 400%, and with JavaScript turned off.</p>",
    ),
    heading("What we are doing to improve accessibility"),
    paragraph(
        "<p>The site is built on GOV.UK Frontend's components, which are designed and "
        "researched with people who use assistive technology. We fix problems as they are "
        "reported, and we review this statement whenever the site changes in a way that could "
        "affect accessibility, and at least once a year.</p>",
    ),
    heading("Preparation of this accessibility statement"),
    paragraph(
        "<p>This statement was prepared on 1 November 2026. It was last reviewed on 1 November "
        "2026.</p>",
        "<p>This site was last tested on 1 November 2026, by the automated checks described "
        "above and by hand with a keyboard. The tests were carried out by the people who build "
        "the site.</p>",
    ),
]


# --- Community guidelines -----------------------------------------------------------------

GUIDELINES_INTRO = (
    "How we look after each other and the people we work with: confidentiality, respect, peer "
    "support, safeguarding, contributions from experts by experience, and what moderators do."
)

GUIDELINES_BODY = [
    heading("Why these guidelines matter"),
    paragraph(
        "<p>This space works only if everyone can trust it: students talking honestly about "
        "placement, practitioners reflecting on hard decisions, and people who use services and "
        "carers sharing their own experience. These guidelines apply everywhere on the site, "
        "and by using it you agree to follow them.</p>",
    ),
    heading("Confidentiality first"),
    paragraph(
        "<p>The people social workers work with have not agreed to be discussed here. Never "
        "post anything that could identify a person who uses services, or their family or "
        "carers, even if you think nobody here could know them. "
        "That includes:</p>",
        bullets(
            "names, including first names, nicknames and initials",
            "addresses, postcodes, and the names of schools, GP surgeries, care homes or small "
            "places",
            "dates of birth, or exact ages alongside other details",
            "NHS numbers, National Insurance numbers, and case or reference numbers",
            "phone numbers and email addresses",
            "photographs, documents or screenshots from case records",
            "distinctive details that someone could put together to recognise a person, such "
            "as an unusual job, a rare condition, the make-up of a family or an event that was "
            "in the local news",
        ),
        "<p>Talk about the practice, not the person: “a parent I worked with on placement” "
        "tells your peers all they need. Change or leave out details that do not matter to "
        "the point you are making. If in doubt, leave it out. Take the same care with "
        "colleagues: discuss what happened, not who did it.</p>",
        "<p>You are responsible for what you write here, including a rating's comment or an "
        "appraisal's reasons.</p>",
    ),
    callout(
        "If you see something that could identify someone",
        "<p>Email the site admins at "
        f'<a href="mailto:{ADMIN_EMAIL}">{ADMIN_EMAIL}</a>, saying where it is, and they will '
        "take it down. Do not quote the details, because that copies them. If it is your own "
        "writing, change or remove it straight away.</p>",
    ),
    heading("Respect and professional values"),
    paragraph(
        "<p>For students and qualified social workers, what you write here is part of your "
        "professional conduct: act in line with the "
        '<a href="https://basw.co.uk/">BASW Code of Ethics for Social Work</a> and '
        '<a href="https://www.socialworkengland.org.uk/standards/professional-standards/">'
        "Social Work England's professional standards</a>, or the codes of Social Care Wales, "
        "the SSSC or NISCC if you are registered with them.</p>",
        bullets(
            "Be respectful and courteous, including when you disagree. Challenge ideas, not "
            "people.",
            "No discrimination, harassment or bullying, including on grounds of age, "
            "disability, gender reassignment, marriage or civil partnership, pregnancy or "
            "maternity, race, religion or belief, sex or sexual orientation.",
            "Speak about people who use services with dignity: no mocking, no labels.",
            "Say where your information comes from. Do not advertise or sell.",
        ),
        "<p>People who use services and carers are members here too. Write as if the person "
        "you are writing about might read it.</p>",
    ),
    heading("Peer support: you are not alone"),
    paragraph(
        "<p>Placement and practice can be hard. Feelings are welcome here, whether worry, "
        "anger, sadness, doubt or pride, and talking about them with peers is part of "
        "learning the work.</p>",
        bullets(
            "Be kind, and assume good intent.",
            "Listen before you advise, and share your own experience rather than telling people "
            "what they should feel.",
            "Keep what people share here inside the site.",
            "If someone seems to be struggling, reply kindly and let a facilitator or "
            "moderator know.",
        ),
        "<p>Peer support sits alongside supervision, not in place of it. Take practice "
        "questions to your supervisor or practice educator as well.</p>",
    ),
    heading("Safeguarding concerns and emergencies"),
    paragraph(
        "<p>This site is not the place to raise a safeguarding concern. If you are worried "
        "that a child or adult is at risk of harm, follow your agency's safeguarding "
        "procedures straight away and talk to your supervisor, practice educator or "
        "designated safeguarding lead. Posting here would delay the right response and could "
        "break confidentiality.</p>",
        "<p>Where a post suggests a serious risk to someone's life, moderators share the "
        "minimum information needed with the emergency services.</p>",
    ),
    callout(
        "In an emergency",
        "<p>If someone is in immediate danger, call <b>999</b>. If you are a student on "
        "placement, tell your practice educator and your placement tutor as soon as you "
        "can.</p>",
    ),
    paragraph(
        "<h3>Support for you</h3>",
        bullets(
            "Your placement tutor, practice educator or personal tutor.",
            "Your supervisor, line manager or your employer's employee assistance programme.",
            "Samaritans: call 116 123, free, day or night, or email jo@samaritans.org.",
            "Shout: text SHOUT to 85258 for free, confidential support by text.",
            "NHS 111 if you need urgent help with your mental health.",
        ),
    ),
    heading("Experts by experience are in control of their stories"),
    paragraph(
        "<p>People who use services and carers who contribute here are sharing something "
        "personal so that others can learn. They decide:</p>",
        bullets(
            "how they are named: their own name, a pseudonym or no name",
            "who can see their contribution, and for how long",
            "what the published version says: educators may suggest changes, but the "
            "contributor approves the final version",
            "whether comments are open, and when to close them",
            "to withdraw their contribution at any time without giving a reason; it is then "
            "taken down at once",
        ),
        "<p>Respond with care. Never try to work out who an anonymous or pseudonymous "
        "contributor is, and never copy a contribution outside the site unless its consent "
        "allows it.</p>",
    ),
    heading("Moderation and reports"),
    paragraph(
        "<p>Moderators and site admins keep the community safe. They can remove what breaks "
        "these guidelines, and pause or close accounts.</p>",
        "<p>If you see something that breaks these guidelines, email the site admins at "
        f'<a href="mailto:{ADMIN_EMAIL}">{ADMIN_EMAIL}</a> and say what it is and where: a '
        "confidentiality breach, a safeguarding concern, harassment or abuse, spam, or "
        "something else. The person you tell us about is not told who you are. "
        "Confidentiality breaches are looked at first.</p>",
        "<p>If a moderator acts on something you posted, they will tell you what they did and "
        "why, unless that would put someone at risk. You can ask for a different moderator to "
        "look again.</p>",
    ),
    heading("If the guidelines are broken"),
    paragraph(
        "<p>Most problems are mistakes, put right by editing a post. Otherwise, depending on "
        "how serious it is and whether it has happened before:</p>",
        bullets(
            "a reminder of the guidelines and a request to edit your post",
            "the post is hidden or removed",
            "a pause on posting for a set time",
            "the account is closed",
        ),
        "<p>Where something posted raises a serious concern about professional conduct, such "
        "as a deliberate breach of confidentiality or discrimination, we may tell your "
        "university or employer, and a regulator such as Social Work England may need to "
        "know.</p>",
        "<p>If you are unsure whether something is all right to post, ask a moderator or the "
        "site admins first.</p>",
    ),
]


@dataclass(frozen=True)
class PageText:
    title: str
    slug: str
    intro: str
    body: list[dict]
    chrome_field: str
    last_reviewed: datetime.date = LAST_REVIEWED


STANDARD_PAGES = (
    PageText("Privacy notice", "privacy", PRIVACY_INTRO, PRIVACY_BODY, "privacy_page"),
    PageText(
        "Accessibility statement",
        "accessibility",
        ACCESSIBILITY_INTRO,
        ACCESSIBILITY_BODY,
        "accessibility_page",
    ),
    PageText(
        "Community guidelines",
        "community-guidelines",
        GUIDELINES_INTRO,
        GUIDELINES_BODY,
        "guidelines_page",
    ),
)


# --- Demo accounts ------------------------------------------------------------------------

ALL_PROFILE_FIELDS = list(ProfileField.values)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    profile: dict[str, object]
    # The email of the demo account that verifies this account's registration, if any.
    verified_by: str | None = None
    shared_fields: list[str] = field(default_factory=lambda: list(ALL_PROFILE_FIELDS))


# Listed so that each verifier comes before the accounts it verifies.
DEMO_ACCOUNTS = (
    DemoAccount(
        "admin@example.com",
        Role.SITE_ADMIN,
        {
            "display_name": "Site administrator",
            "bio": (
                "The account that runs this demo site: it gives people roles, verifies "
                "professional registrations, and looks after the site's pages and settings."
            ),
        },
    ),
    DemoAccount(
        "educator@example.com",
        Role.EDUCATOR,
        {
            "display_name": "Dr Helen Price",
            "pronouns": "she/her",
            "bio": (
                "Senior lecturer in social work and practice educator. I teach on the BA and "
                "MA programmes, support students on placement in adult and children's services, "
                "and co-run our experts by experience group. I am interested in reflective "
                "practice and in how students learn to weigh up evidence."
            ),
            "regulator": Regulator.SOCIAL_WORK_ENGLAND,
            "registration_number": "SW087412",
            "qualifications": (
                "PhD in Social Work; MA Social Work; Practice Educator Professional Standards "
                "(PEPS) stage 2; Senior Fellow of the Higher Education Academy"
            ),
            "employer": "School of Social Work, Northmoor University",
        },
        verified_by="admin@example.com",
    ),
    DemoAccount(
        "tutor@example.com",
        Role.EDUCATOR,
        {
            "display_name": "Marcus Bell",
            "pronouns": "he/him",
            "bio": (
                "Practice educator in children's services and visiting tutor. I supervise "
                "students on placement and teach evidence-informed practice."
            ),
            "regulator": Regulator.SOCIAL_WORK_ENGLAND,
            "registration_number": "SW093518",
            "qualifications": "MA Social Work; Practice Educator Professional Standards stage 2",
            "employer": "Children's Services, Eastbrook Borough Council",
        },
        verified_by="admin@example.com",
    ),
    DemoAccount(
        "practitioner@example.com",
        Role.PRACTITIONER,
        {
            "display_name": "Daniel Okafor",
            "pronouns": "he/him",
            "bio": (
                "Social worker in an adult social care locality team, qualified in 2019. Most of "
                "my work is Care Act assessments, safeguarding enquiries and supporting people "
                "home from hospital. I am working towards becoming a Best Interests Assessor "
                "and am always glad to talk about Mental Capacity Act practice."
            ),
            "regulator": Regulator.SOCIAL_WORK_ENGLAND,
            "registration_number": "SW104233",
            "qualifications": (
                "BA (Hons) Social Work, 2019; Assessed and Supported Year in Employment (ASYE), "
                "2020; Practice Educator Professional Standards (PEPS) stage 1"
            ),
            "employer": "Adult Social Care, South Locality Team, Eastbrook Borough Council",
        },
        verified_by="educator@example.com",
    ),
    DemoAccount(
        "student@example.com",
        Role.STUDENT,
        {
            "display_name": "Amira Hassan",
            "pronouns": "she/her",
            "bio": (
                "Final-year BA Social Work student, on my last placement in a child and family "
                "assessment team. I am learning a lot about direct work with children and about "
                "keeping an eye on my own wellbeing. Always happy to share reading and swap "
                "notes with others on placement."
            ),
        },
    ),
    DemoAccount(
        "contributor@example.com",
        Role.CONTRIBUTOR,
        {
            "display_name": "Rowan",
            "pronouns": "they/them",
            "bio": (
                "I have been a carer for a family member for more than twenty years and have "
                "met social workers at every stage of that. I now help teach social work "
                "students about what good support felt like for us, and what did not. I "
                "contribute under a pseudonym."
            ),
        },
    ),
    DemoAccount(
        "moderator@example.com",
        Role.MODERATOR,
        {
            "display_name": "Sam Patel",
            "pronouns": "he/him",
            "bio": (
                "One of the moderators for the community. If something here worries you, "
                "tell me or any other moderator and we will look at it."
            ),
        },
    ),
)

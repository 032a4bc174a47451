"""Loads the demo resource library through the app's own models and services.

Needs the demo educator's account (the home app's demo accounts load first): every resource
carries an appraisal in that educator's name. Anything already in place, including a resource
someone has since edited, is left as it is.
"""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from cop_site.accounts.models import User
from cop_site.demo import DemoRun, default_home_page
from cop_site.home.models import HomePage
from resources import services
from resources.models import (
    Appraisal,
    Audience,
    KnowledgeSource,
    LearnerAppraisal,
    PCFDomain,
    Rating,
    ReadingListIndexPage,
    ReadingListItem,
    ReadingListPage,
    ResourceLibraryPage,
    ResourcePage,
    Topic,
)

from . import content
from .content import DemoLibrary, DemoResource, Educators, IndexPage


def load(run: DemoRun) -> None:
    demo = content.demo_library()
    home = default_home_page()
    educators = find_educators(run, demo.educators)
    topics = ensure_topics(run, demo)
    library = ensure_index_page(run, home, ResourceLibraryPage, demo.library)
    resources = {item.slug: ensure_resource(run, library, item, topics) for item in demo.resources}
    for item in demo.resources:
        ensure_appraisals(run, resources[item.slug], item, demo, educators)
    ensure_reading_lists(run, home, demo, resources, topics)
    ensure_learner_activity(run, demo, resources)


def find_educators(run: DemoRun, wanted: Educators) -> dict[str, User]:
    found = {}
    for email in (wanted.lead, wanted.second):
        user = User.objects.filter(email__iexact=email).first()
        if user is not None and services.can_appraise_credibility(user):
            found[email] = user
    if wanted.lead not in found:
        raise CommandError(
            f"The demo educator {wanted.lead} does not exist yet. Run "
            "`manage.py load_demo_content` first: every demo resource carries an appraisal "
            "in that educator's name."
        )
    if wanted.second not in found:
        run.note(
            f"{wanted.second} does not exist, so each resource gets one appraisal and no "
            "disagreements are shown."
        )
    return found


def ensure_topics(run: DemoRun, demo: DemoLibrary) -> dict[str, Topic]:
    topics = {}
    for item in demo.topics:
        topic, created = Topic.objects.get_or_create(
            slug=item.slug, defaults={"name": item.name, "description": item.description}
        )
        run.report(
            f"Topic {item.name}: {'created' if created else 'exists'}", changed=created, detail=True
        )
        topics[item.slug] = topic
    return topics


def ensure_index_page[P: (ResourceLibraryPage, ReadingListIndexPage)](
    run: DemoRun, home: HomePage, page_type: type[P], text: IndexPage
) -> P:
    """The site's one page of this type, created under the home page if there is none."""
    existing: P | None = page_type.objects.first()
    if existing is not None:
        run.report(f"{text.title} page {existing.url_path}: exists", changed=False, detail=True)
        return existing
    page = page_type(title=text.title, slug=text.slug, intro=text.intro, live=False)
    home.add_child(instance=page)
    page.save_revision(log_action=True).publish()
    run.report(f"{text.title} page /{text.slug}/: created", changed=True, detail=True)
    return page


def ensure_resource(
    run: DemoRun, library: ResourceLibraryPage, item: DemoResource, topics: dict[str, Topic]
) -> ResourcePage:
    existing: ResourcePage | None = (
        ResourcePage.objects.child_of(library).filter(slug=item.slug).first()
    )
    if existing is not None:
        run.report(f"{item.title}: exists", changed=False, detail=True)
        return existing
    resource = ResourcePage(
        title=item.title,
        slug=item.slug,
        summary=item.summary,
        body=item.body,
        link_url=item.link_url,
        publisher=item.publisher,
        authors=item.authors,
        year=item.year,
        format=item.format,
        knowledge_source=KnowledgeSource.objects.get(slug=item.source),
        is_open_access=item.is_open_access,
        last_reviewed=timezone.localdate() - datetime.timedelta(days=item.reviewed_days_ago),
        live=False,
    )
    resource.topics = [topics[slug] for slug in item.topics]
    resource.pcf_domains = list(PCFDomain.objects.filter(slug__in=item.pcf))
    resource.audiences = list(Audience.objects.filter(slug__in=item.audiences))
    library.add_child(instance=resource)
    resource.save_revision(log_action=True).publish()
    run.report(f"{item.title}: created", changed=True, detail=True)
    return resource


def ensure_appraisals(
    run: DemoRun,
    resource: ResourcePage,
    item: DemoResource,
    demo: DemoLibrary,
    educators: dict[str, User],
) -> None:
    for appraisal in item.appraisals(demo.profiles, demo.educators):
        educator = educators.get(appraisal.educator)
        if educator is None:
            continue
        if Appraisal.objects.filter(resource=resource, appraiser=educator).exists():
            run.report(
                f"{item.title}: appraisal by {educator.email} exists", changed=False, detail=True
            )
            continue
        services.appraise_resource(
            resource, by=educator, scores=appraisal.scores, comment=appraisal.comment
        )
        run.report(f"{item.title}: appraised by {educator.email}", changed=True, detail=True)


def ensure_reading_lists(
    run: DemoRun,
    home: HomePage,
    demo: DemoLibrary,
    resources: dict[str, ResourcePage],
    topics: dict[str, Topic],
) -> None:
    index = ensure_index_page(run, home, ReadingListIndexPage, demo.reading_lists_page)
    for reading_list in demo.reading_lists:
        if ReadingListPage.objects.child_of(index).filter(slug=reading_list.slug).exists():
            run.report(f"Reading list {reading_list.title}: exists", changed=False, detail=True)
            continue
        page = ReadingListPage(
            title=reading_list.title,
            slug=reading_list.slug,
            intro=reading_list.intro,
            purpose=reading_list.purpose,
            context_name=reading_list.context_name,
            topic=topics.get(reading_list.topic) if reading_list.topic else None,
            members_only=reading_list.members_only,
            live=False,
        )
        page.items = [
            ReadingListItem(
                resource=resources[item.resource], annotation=item.note, sort_order=order
            )
            for order, item in enumerate(reading_list.items)
        ]
        index.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        run.report(f"Reading list {reading_list.title}: created", changed=True, detail=True)


def ensure_learner_activity(
    run: DemoRun, demo: DemoLibrary, resources: dict[str, ResourcePage]
) -> None:
    emails = {entry.learner for entry in demo.learner_appraisals}
    emails |= {rating.user for rating in demo.ratings}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    for entry in demo.learner_appraisals:
        learner = users.get(entry.learner)
        if learner is None or not services.can_appraise_as_learner(learner):
            continue
        resource = resources[entry.resource]
        if LearnerAppraisal.objects.filter(resource=resource, learner=learner).exists():
            continue
        services.appraise_as_learner(
            resource, by=learner, scores=entry.scores, reflection=entry.reflection
        )
        run.report(
            f"{resource.title}: appraised by {learner.email} as a learner",
            changed=True,
            detail=True,
        )
    for rating in demo.ratings:
        user = users.get(rating.user)
        if user is None:
            continue
        resource = resources[rating.resource]
        if Rating.objects.filter(resource=resource, user=user).exists():
            continue
        services.rate_resource(resource, by=user, score=rating.score, comment=rating.comment)
        run.report(
            f"{resource.title}: rated {rating.score} by {user.email}", changed=True, detail=True
        )

"""Loads the demo resource library: topics, the library page, 40-odd real resources with
educators' appraisals, reading lists, and a few learners' appraisals and ratings.

Run it after `load_demo_content`, which creates the demo accounts whose names the
appraisals carry (educator@example.com, and tutor@example.com when it exists). It is
idempotent: anything already in place, including a resource someone has since edited,
is left as it is. Like the main demo loader it refuses to run with DEBUG off unless
`--force` is given.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from cop_site.accounts.models import User
from cop_site.home.models import HomePage
from resources import demo_content, services
from resources.credibility import Judgement
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


def as_judgements(scores: dict[str, tuple[str, str]]) -> dict[str, Judgement]:
    return {key: Judgement(score=score, reason=reason) for key, (score, reason) in scores.items()}


class Command(BaseCommand):
    help = (
        "Loads the demo resource library: real resources with educators' credibility "
        "appraisals, reading lists, and sample learner appraisals and ratings. Safe to run "
        "repeatedly."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, then roll back."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Only for demo sites: it adds demo content.",
        )

    def handle(self, *args, dry_run: bool, force: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real site. Pass --force only if you are "
                "sure this is a demo."
            )
        self.verbosity = options["verbosity"]
        self.changes = 0
        with transaction.atomic():
            home = self.home_page()
            educators = self.educators()
            topics = self.ensure_topics()
            library = self.ensure_library(home)
            resources = {
                item.slug: self.ensure_resource(library, item, topics)
                for item in demo_content.RESOURCES
            }
            for item in demo_content.RESOURCES:
                self.ensure_appraisals(resources[item.slug], item, educators)
            self.ensure_reading_lists(home, resources, topics)
            self.ensure_learner_activity(resources)
            if dry_run:
                transaction.set_rollback(True)
        self.summary(len(resources), dry_run=dry_run)

    # --- output -------------------------------------------------------------------------------

    def report(self, message: str, *, changed: bool) -> None:
        if changed:
            self.changes += 1
            if self.verbosity >= 2:
                self.stdout.write(self.style.SUCCESS(f"  {message}"))
        elif self.verbosity >= 3:
            self.stdout.write(f"  {message}")

    def summary(self, count: int, *, dry_run: bool) -> None:
        if self.verbosity < 1:
            return
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"Dry run: {self.changes} change(s) found, nothing saved.")
            )
        elif self.changes:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo resources loaded: {self.changes} change(s), {count} resources."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo resources already in place: nothing changed.")
            )

    # --- people -------------------------------------------------------------------------------

    def home_page(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise CommandError("The default site has no home page. Run `manage.py migrate` first.")
        return home

    def educators(self) -> dict[str, User]:
        found = {}
        for email in (demo_content.LEAD_EDUCATOR, demo_content.SECOND_EDUCATOR):
            user = User.objects.filter(email__iexact=email).first()
            if user is not None and services.can_appraise_credibility(user):
                found[email] = user
        if demo_content.LEAD_EDUCATOR not in found:
            raise CommandError(
                f"The demo educator {demo_content.LEAD_EDUCATOR} does not exist yet. Run "
                "`manage.py load_demo_content` first: every demo resource carries an appraisal "
                "in that educator's name."
            )
        if demo_content.SECOND_EDUCATOR not in found and self.verbosity >= 1:
            self.stdout.write(
                f"  {demo_content.SECOND_EDUCATOR} does not exist, so each resource gets one "
                "appraisal and no disagreements are shown."
            )
        return found

    # --- taxonomy and pages -------------------------------------------------------------------

    def ensure_topics(self) -> dict[str, Topic]:
        topics = {}
        for slug, name, description in demo_content.TOPICS:
            topic, created = Topic.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )
            self.report(f"Topic {name}: {'created' if created else 'exists'}", changed=created)
            topics[slug] = topic
        return topics

    def ensure_library(self, home: HomePage) -> ResourceLibraryPage:
        existing = ResourceLibraryPage.objects.first()
        if existing is not None:
            self.report(f"Library page {existing.url_path}: exists", changed=False)
            return existing
        library = ResourceLibraryPage(
            title="Resources", slug="library", intro=demo_content.LIBRARY_INTRO, live=False
        )
        home.add_child(instance=library)
        library.save_revision(log_action=True).publish()
        self.report("Library page /library/: created", changed=True)
        return library

    def ensure_resource(
        self,
        library: ResourceLibraryPage,
        item: demo_content.DemoResource,
        topics: dict[str, Topic],
    ) -> ResourcePage:
        existing = ResourcePage.objects.child_of(library).filter(slug=item.slug).first()
        if existing is not None:
            self.report(f"{item.title}: exists", changed=False)
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
        self.report(f"{item.title}: created", changed=True)
        return resource

    def ensure_appraisals(
        self, resource: ResourcePage, item: demo_content.DemoResource, educators: dict[str, User]
    ) -> None:
        for appraisal in item.appraisals():
            educator = educators.get(appraisal.educator)
            if educator is None:
                continue
            if Appraisal.objects.filter(resource=resource, appraiser=educator).exists():
                self.report(f"{item.title}: appraisal by {educator.email} exists", changed=False)
                continue
            services.appraise_resource(
                resource,
                by=educator,
                scores=as_judgements(appraisal.scores),
                comment=appraisal.comment,
            )
            self.report(f"{item.title}: appraised by {educator.email}", changed=True)

    def ensure_reading_lists(
        self, home: HomePage, resources: dict[str, ResourcePage], topics: dict[str, Topic]
    ) -> None:
        index = ReadingListIndexPage.objects.first()
        if index is None:
            index = ReadingListIndexPage(
                title="Reading lists",
                slug="reading-lists",
                intro=demo_content.READING_LISTS_INTRO,
                live=False,
            )
            home.add_child(instance=index)
            index.save_revision(log_action=True).publish()
            self.report("Reading lists page /reading-lists/: created", changed=True)
        for reading_list in demo_content.READING_LISTS:
            if ReadingListPage.objects.child_of(index).filter(slug=reading_list.slug).exists():
                self.report(f"Reading list {reading_list.title}: exists", changed=False)
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
                ReadingListItem(resource=resources[slug], annotation=note, sort_order=order)
                for order, (slug, note) in enumerate(reading_list.items)
            ]
            index.add_child(instance=page)
            page.save_revision(log_action=True).publish()
            self.report(f"Reading list {reading_list.title}: created", changed=True)

    # --- learners -----------------------------------------------------------------------------

    def ensure_learner_activity(self, resources: dict[str, ResourcePage]) -> None:
        users = {
            user.email: user
            for user in User.objects.filter(
                email__in=[demo_content.DEMO_STUDENT, demo_content.DEMO_PRACTITIONER]
            )
        }
        for email, slug, scores, reflection in demo_content.LEARNER_APPRAISALS:
            learner = users.get(email)
            if learner is None or not services.can_appraise_as_learner(learner):
                continue
            resource = resources[slug]
            if LearnerAppraisal.objects.filter(resource=resource, learner=learner).exists():
                continue
            services.appraise_as_learner(
                resource, by=learner, scores=as_judgements(scores), reflection=reflection
            )
            self.report(f"{resource.title}: appraised by {email} as a learner", changed=True)
        for email, slug, score, comment in demo_content.RATINGS:
            user = users.get(email)
            if user is None:
                continue
            resource = resources[slug]
            if Rating.objects.filter(resource=resource, user=user).exists():
                continue
            services.rate_resource(resource, by=user, score=score, comment=comment)
            self.report(f"{resource.title}: rated {score} by {email}", changed=True)

"""The demo library as the TOML files beside this module describe it.

library.toml names the pages, topics and educators and lists the resource files in the order
their resources are created; appraisal-profiles.toml holds a judgement per TAPUPAS criterion for
each kind of source, which a resource's appraisal starts from; reading-lists.toml and
learners.toml hold the reading lists and the learners' own appraisals and ratings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cop_site.demo import DemoDataError, build, read_data
from resources.credibility import Judgement

PACKAGE = "resources.demo"

Judgements = dict[str, Judgement]


def judgements(table: dict[str, Any], *, where: str) -> Judgements:
    """{criterion: {score, reason}} from a data file, leaving out the other keys (comment)."""
    return {
        key: build(Judgement, value, where=f"{where}, {key}")
        for key, value in table.items()
        if isinstance(value, dict)
    }


@dataclass(frozen=True)
class Educators:
    # Every resource carries the lead educator's appraisal; some also the second's.
    lead: str
    second: str


@dataclass(frozen=True)
class IndexPage:
    title: str
    slug: str
    intro: str


@dataclass(frozen=True)
class DemoTopic:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class DemoAppraisal:
    educator: str
    scores: Judgements
    comment: str = ""


@dataclass(frozen=True)
class DemoResource:
    slug: str
    title: str
    summary: str
    link_url: str
    publisher: str
    format: str
    source: str
    topics: list[str]
    pcf: list[str]
    audiences: list[str]
    # The appraisal profile the lead educator's appraisal starts from.
    profile: str
    year: int | None = None
    authors: str = ""
    is_open_access: bool = True
    body: str = ""
    reviewed_days_ago: int = 60
    # The lead educator's comment, and the criteria judged differently from the profile.
    appraisal: dict[str, Any] = field(default_factory=dict)
    # The second educator's comment, and the criteria they judge differently from the lead.
    second_appraisal: dict[str, Any] | None = None

    def appraisals(
        self, profiles: dict[str, Judgements], educators: Educators
    ) -> list[DemoAppraisal]:
        if self.profile not in profiles:
            raise DemoDataError(f"{self.slug}: no appraisal profile {self.profile!r}")
        where = f"resource {self.slug}"
        first = {
            key: Judgement(
                judgement.score, judgement.reason.format(publisher=self.publisher, year=self.year)
            )
            for key, judgement in profiles[self.profile].items()
        }
        first.update(judgements(self.appraisal, where=where))
        found = [DemoAppraisal(educators.lead, first, self.appraisal.get("comment", ""))]
        if self.second_appraisal is not None:
            second = {**first, **judgements(self.second_appraisal, where=where)}
            comment = self.second_appraisal.get("comment", "")
            found.append(DemoAppraisal(educators.second, second, comment))
        return found


@dataclass(frozen=True)
class DemoReadingListItem:
    resource: str
    note: str


@dataclass(frozen=True)
class DemoReadingList:
    slug: str
    title: str
    intro: str
    purpose: str
    items: list[DemoReadingListItem]
    context_name: str = ""
    topic: str | None = None
    members_only: bool = False


@dataclass(frozen=True)
class DemoLearnerAppraisal:
    learner: str
    resource: str
    scores: Judgements
    reflection: str = ""


@dataclass(frozen=True)
class DemoRating:
    user: str
    resource: str
    score: int
    comment: str = ""


@dataclass(frozen=True)
class DemoLibrary:
    educators: Educators
    library: IndexPage
    reading_lists_page: IndexPage
    topics: list[DemoTopic]
    profiles: dict[str, Judgements]
    resources: list[DemoResource]
    reading_lists: list[DemoReadingList]
    learner_appraisals: list[DemoLearnerAppraisal]
    ratings: list[DemoRating]


def reading_list_from(table: dict[str, Any]) -> DemoReadingList:
    where = f"reading-lists.toml, {table.get('slug')}"
    fields = {key: value for key, value in table.items() if key != "item"}
    items = [build(DemoReadingListItem, item, where=where) for item in table.get("item", [])]
    return build(DemoReadingList, {**fields, "items": items}, where=where)


def demo_library() -> DemoLibrary:
    library = read_data(PACKAGE, "library.toml")
    profiles = read_data(PACKAGE, "appraisal-profiles.toml")
    lists = read_data(PACKAGE, "reading-lists.toml")
    learners = read_data(PACKAGE, "learners.toml")
    return DemoLibrary(
        educators=build(Educators, library["educators"], where="library.toml, educators"),
        library=build(IndexPage, library["library"], where="library.toml, library"),
        reading_lists_page=build(
            IndexPage, library["reading_lists"], where="library.toml, reading_lists"
        ),
        topics=[build(DemoTopic, topic, where="library.toml, topic") for topic in library["topic"]],
        profiles={
            name: judgements(profile, where=f"appraisal-profiles.toml, {name}")
            for name, profile in profiles.items()
        },
        resources=[
            build(DemoResource, resource, where=f"resources/{name}.toml")
            for name in library["resource_files"]
            for resource in read_data(PACKAGE, f"resources/{name}.toml")["resource"]
        ],
        reading_lists=[reading_list_from(table) for table in lists["reading_list"]],
        learner_appraisals=[
            build(
                DemoLearnerAppraisal,
                {**entry, "scores": judgements(entry["scores"], where="learners.toml")},
                where="learners.toml, learner_appraisal",
            )
            for entry in learners["learner_appraisal"]
        ],
        ratings=[build(DemoRating, rating, where="learners.toml") for rating in learners["rating"]],
    )

"""Models for the resource library, re-exported so `resources.models.X` works everywhere."""

from .appraisals import Appraisal, LearnerAppraisal, TapupasFields
from .pages import (
    PROBLEM_LINK_STATUSES,
    REVIEW_INTERVAL,
    LinkStatus,
    ResourceLibraryPage,
    ResourcePage,
)
from .ratings import RATING_SCALE, Rating
from .reading_lists import (
    ReadingListIndexPage,
    ReadingListItem,
    ReadingListPage,
    ReadingListPurpose,
)
from .taxonomy import Audience, KnowledgeSource, PCFDomain, ResourceFormat, Topic

__all__ = [
    "PROBLEM_LINK_STATUSES",
    "RATING_SCALE",
    "REVIEW_INTERVAL",
    "Appraisal",
    "Audience",
    "KnowledgeSource",
    "LearnerAppraisal",
    "LinkStatus",
    "PCFDomain",
    "Rating",
    "ReadingListIndexPage",
    "ReadingListItem",
    "ReadingListPage",
    "ReadingListPurpose",
    "ResourceFormat",
    "ResourceLibraryPage",
    "ResourcePage",
    "TapupasFields",
    "Topic",
]

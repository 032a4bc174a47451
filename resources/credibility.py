"""The credibility rule: how educators' TAPUPAS appraisals become a band.

The criteria come from Pawson, Boaz, Grayson, Long and Barnes, *Types and quality of
knowledge in social care* (SCIE Knowledge Review 3, 2003). Everything the public
"How we rate sources" page says about the rule is generated from the constants here,
so the explanation cannot drift from the code that applies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Criterion(models.TextChoices):
    TRANSPARENCY = "transparency", _("Transparency")
    ACCURACY = "accuracy", _("Accuracy")
    PURPOSIVITY = "purposivity", _("Purposivity")
    UTILITY = "utility", _("Utility")
    PROPRIETY = "propriety", _("Propriety")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    SPECIFICITY = "specificity", _("Specificity")


@dataclass(frozen=True)
class CriterionGuide:
    criterion: Criterion
    question: str
    prompts: str

    @property
    def key(self) -> str:
        return self.criterion.value

    @property
    def label(self) -> str:
        return str(self.criterion.label)


CRITERIA: tuple[CriterionGuide, ...] = (
    CriterionGuide(
        Criterion.TRANSPARENCY,
        "Is it open to scrutiny?",
        "Can you tell who produced it, who paid for it, how the knowledge was gathered and "
        "what it is based on? Are its limits stated?",
    ),
    CriterionGuide(
        Criterion.ACCURACY,
        "Is it well grounded?",
        "Do its claims and recommendations follow faithfully from the evidence, experience or "
        "law it draws on? Is it up to date, and are sources cited so you can check them?",
    ),
    CriterionGuide(
        Criterion.PURPOSIVITY,
        "Is it fit for purpose?",
        "Are the methods or approach suited to what it set out to do? A survey cannot show "
        "cause and effect; a single story cannot speak for everyone.",
    ),
    CriterionGuide(
        Criterion.UTILITY,
        "Is it fit for use?",
        "Does it answer questions social workers, students or people using services actually "
        "have? Could you act on it in practice?",
    ),
    CriterionGuide(
        Criterion.PROPRIETY,
        "Is it legal and ethical?",
        "Was it produced with consent, care for the people involved and respect for their "
        "confidentiality? Does it respect rights and avoid harm or stigma?",
    ),
    CriterionGuide(
        Criterion.ACCESSIBILITY,
        "Is it intelligible?",
        "Can the people who need it find, open and understand it? Plain language, accessible "
        "formats, free or paywalled, length and jargon all count.",
    ),
    CriterionGuide(
        Criterion.SPECIFICITY,
        "Does it meet the standards of its own kind of knowledge?",
        "Research should meet research standards; policy should be authoritative and current; "
        "knowledge from people who use services should carry their authentic voice; "
        "practitioner knowledge should be grounded in reflected experience.",
    ),
)

CRITERIA_BY_KEY: dict[str, CriterionGuide] = {guide.key: guide for guide in CRITERIA}


class Score(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "na", _("Not applicable")


# Points per score. "Not applicable" has none: it is left out, not counted as zero.
POINTS: dict[str, int] = {Score.MET: 2, Score.PARTLY_MET: 1, Score.NOT_MET: 0}
MAX_POINTS = 2


class Band(models.TextChoices):
    HIGH = "high", _("High credibility")
    MODERATE = "moderate", _("Moderate credibility")
    LOW = "low", _("Low credibility")
    UNAPPRAISED = "unappraised", _("Not yet appraised")


# Sorting "most credible" first uses this rank, highest first.
BAND_RANK: dict[str, int] = {Band.HIGH: 3, Band.MODERATE: 2, Band.LOW: 1, Band.UNAPPRAISED: 0}

HIGH_THRESHOLD = 75
MODERATE_THRESHOLD = 50
# A resource educators judge not to be well grounded cannot be moderately credible,
# however well it does elsewhere.
GATEKEEPER = Criterion.ACCURACY

# How a combined criterion score (0–2) reads as a verdict.
MET_FROM = 1.5
PARTLY_MET_FROM = 0.5


def verdict_for(points: float | None) -> str:
    if points is None:
        return Score.NOT_APPLICABLE
    if points >= MET_FROM:
        return Score.MET
    if points >= PARTLY_MET_FROM:
        return Score.PARTLY_MET
    return Score.NOT_MET


def band_for(score: int | None, verdicts: Mapping[str, str]) -> str:
    """The band for an overall score (0–100) and the combined verdict per criterion."""
    if score is None:
        return Band.UNAPPRAISED
    if score >= HIGH_THRESHOLD and Score.NOT_MET not in verdicts.values():
        return Band.HIGH
    if score >= MODERATE_THRESHOLD and verdicts.get(GATEKEEPER) != Score.NOT_MET:
        return Band.MODERATE
    return Band.LOW


@dataclass(frozen=True)
class Judgement:
    """One appraiser's score on one criterion, with their reason."""

    score: str
    reason: str = ""


@dataclass
class CriterionResult:
    guide: CriterionGuide
    judgements: list[tuple[object, Judgement]] = field(default_factory=list)
    points: float | None = None

    @property
    def verdict(self) -> str:
        return verdict_for(self.points)

    @property
    def verdict_label(self) -> str:
        return str(Score(self.verdict).label)

    @property
    def scored_count(self) -> int:
        return sum(1 for _, j in self.judgements if j.score in POINTS)

    @property
    def disagreement(self) -> bool:
        """Appraisers disagree when they gave this criterion different scores."""
        return len({j.score for _, j in self.judgements}) > 1


@dataclass
class Summary:
    """The credibility of one resource, computed from its educators' appraisals."""

    appraisal_count: int
    score: int | None
    band: str
    criteria: list[CriterionResult]

    @property
    def band_label(self) -> str:
        return str(Band(self.band).label)

    @property
    def disagreements(self) -> list[CriterionResult]:
        return [result for result in self.criteria if result.disagreement]

    @property
    def verdicts(self) -> dict[str, str]:
        return {result.guide.key: result.verdict for result in self.criteria}


def summarise(appraisals: Iterable[object]) -> Summary:
    """Applies the rule to appraisals. Each appraisal needs `judgement(criterion_key)`.

    1. Points: met 2, partly met 1, not met 0; "not applicable" is left out.
    2. Each criterion's combined score is the mean of the points educators gave it.
    3. The overall score is the mean of the combined criterion scores, as a percentage
       of the maximum, rounded to a whole number.
    4. High: overall 75 or more and no criterion not met. Moderate: 50 or more and
       accuracy not "not met". Low: anything else. No appraisals: not yet appraised.
    """
    appraisals = list(appraisals)
    results = []
    for guide in CRITERIA:
        result = CriterionResult(guide=guide)
        for appraisal in appraisals:
            result.judgements.append((appraisal, appraisal.judgement(guide.key)))
        points = [POINTS[j.score] for _, j in result.judgements if j.score in POINTS]
        result.points = sum(points) / len(points) if points else None
        results.append(result)

    applicable = [r.points for r in results if r.points is not None]
    if not appraisals or not applicable:
        score = None
    else:
        mean = sum(applicable) / len(applicable)
        # Round half up, so the shown percentage and the band always agree.
        score = int(mean / MAX_POINTS * 100 + 0.5)
    verdicts = {r.guide.key: r.verdict for r in results if r.points is not None}
    return Summary(
        appraisal_count=len(appraisals),
        score=score,
        band=band_for(score, verdicts),
        criteria=results,
    )


def agreement(own: str, theirs: str) -> str:
    """How close a learner's score is to the educators' combined verdict."""
    if own == theirs:
        return "same"
    if own in POINTS and theirs in POINTS and abs(POINTS[own] - POINTS[theirs]) == 1:
        return "close"
    return "different"

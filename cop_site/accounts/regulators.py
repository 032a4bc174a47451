"""The professional regulators of social work in the UK and their register formats."""

import re
from dataclasses import dataclass

from django.db import models


class Regulator(models.TextChoices):
    SOCIAL_WORK_ENGLAND = "swe", "Social Work England"
    SOCIAL_CARE_WALES = "scw", "Social Care Wales"
    SSSC = "sssc", "Scottish Social Services Council (SSSC)"
    NISCC = "niscc", "Northern Ireland Social Care Council (NISCC)"
    OTHER = "other", "Other regulator"


@dataclass(frozen=True)
class RegisterFormat:
    pattern: re.Pattern[str]
    description: str
    example: str
    register_url: str


REGISTER_FORMATS: dict[str, RegisterFormat] = {
    Regulator.SOCIAL_WORK_ENGLAND: RegisterFormat(
        re.compile(r"SW\d{1,6}"),
        "the letters SW followed by up to 6 digits",
        "SW123456",
        "https://www.socialworkengland.org.uk/search-the-register/",
    ),
    Regulator.SOCIAL_CARE_WALES: RegisterFormat(
        re.compile(r"\d{6,7}"),
        "6 or 7 digits",
        "1234567",
        "https://socialcare.wales/registration/check-the-register",
    ),
    Regulator.SSSC: RegisterFormat(
        re.compile(r"\d{7}"),
        "7 digits",
        "3012345",
        "https://www.sssc.uk.com/the-register/search-the-register/",
    ),
    Regulator.NISCC: RegisterFormat(
        re.compile(r"\d{7,8}"),
        "7 or 8 digits",
        "6001234",
        "https://niscc.info/registration-standards/check-the-register/",
    ),
    Regulator.OTHER: RegisterFormat(
        re.compile(r"[A-Z0-9][A-Z0-9/-]{2,31}"),
        "3 to 32 letters, digits, hyphens or slashes",
        "AB-12345",
        "",
    ),
}


def normalise_registration_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def registration_number_error(regulator: str, number: str) -> str | None:
    """Returns a message describing the expected format, or None if the number fits it."""
    fmt = REGISTER_FORMATS.get(regulator)
    if fmt is None:
        return "Choose your regulator."
    if fmt.pattern.fullmatch(normalise_registration_number(number)):
        return None
    label = Regulator(regulator).label
    return (
        f"Enter a {label} registration number in the expected format: "
        f"{fmt.description}, for example {fmt.example}."
    )

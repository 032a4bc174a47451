"""Starting synonyms: acronyms and alternative names that social work students and practitioners
type. Educators edit them in the Wagtail admin; this only fills an empty table."""

from django.db import migrations

DEFAULT_SYNONYMS = [
    # Law and legal frameworks
    (["MCA", "Mental Capacity Act"], "Mental Capacity Act 2005"),
    (["DoLS", "Deprivation of Liberty Safeguards"], "Schedule A1 of the Mental Capacity Act"),
    (["LPS", "Liberty Protection Safeguards"], "The planned replacement for DoLS"),
    (["MHA", "Mental Health Act"], "Mental Health Act 1983"),
    (["HRA", "Human Rights Act"], "Human Rights Act 1998"),
    (["ECHR", "European Convention on Human Rights"], ""),
    (["DPA", "Data Protection Act"], "Data Protection Act 2018"),
    (["GDPR", "UK GDPR", "General Data Protection Regulation"], ""),
    (["UNCRC", "UN Convention on the Rights of the Child"], ""),
    (["LPA", "lasting power of attorney"], ""),
    (["code of practice", "code of practise"], "Both spellings are common"),
    (["PLO", "Public Law Outline"], "Pre-proceedings and care proceedings"),
    (["s17", "section 17"], "Children Act 1989: children in need"),
    (["s20", "section 20"], "Children Act 1989: accommodation"),
    (["s31", "section 31"], "Children Act 1989: care and supervision orders"),
    (["s47", "section 47"], "Children Act 1989: child protection enquiries"),
    (["s42", "section 42"], "Care Act 2014: safeguarding enquiries"),
    (["s117", "section 117"], "Mental Health Act 1983: aftercare"),
    # Children and families
    (
        ["LAC", "CLA", "looked-after children", "children looked after"],
        "Children in the care of a local authority",
    ),
    (["CIN", "children in need", "child in need"], ""),
    (["EHCP", "EHC plan", "Education, Health and Care Plan"], "Special educational needs"),
    (["SEND", "special educational needs and disabilities"], ""),
    (["CSE", "child sexual exploitation"], ""),
    (["CCE", "child criminal exploitation"], ""),
    (["FGM", "female genital mutilation"], ""),
    (["UASC", "unaccompanied asylum-seeking children"], ""),
    (["CAMHS", "Child and Adolescent Mental Health Services"], ""),
    (["ACEs", "adverse childhood experiences"], ""),
    (["LADO", "Local Authority Designated Officer"], "Allegations against people who work with children"),
    (["ICPC", "initial child protection conference"], ""),
    (["CSPR", "child safeguarding practice review"], ""),
    (["LSCB", "Local Safeguarding Children Board"], "Replaced by safeguarding partners in 2017"),
    (["kinship care", "family and friends care"], ""),
    # Adults
    (["SAR", "Safeguarding Adults Review"], ""),
    (["SAB", "Safeguarding Adults Board"], ""),
    (["MSP", "Making Safeguarding Personal"], ""),
    (["IMCA", "Independent Mental Capacity Advocate"], ""),
    (["BIA", "Best Interests Assessor"], ""),
    (["AMHP", "Approved Mental Health Professional"], ""),
    (["NRPF", "no recourse to public funds"], ""),
    (["domestic abuse", "domestic violence"], ""),
    (["service users", "people who use services", "experts by experience"], ""),
    # Information
    # "SAR" is also a Safeguarding Adults Review (above): a search for it looks for both.
    (["SAR", "subject access request", "right of access"], "UK GDPR, Article 15"),
    # Profession and learning
    (["ASYE", "Assessed and Supported Year in Employment"], ""),
    (["PCF", "Professional Capabilities Framework"], ""),
    (["CPD", "continuing professional development"], ""),
    (["KSS", "knowledge and skills statement"], ""),
    # Organisations
    (["SCIE", "Social Care Institute for Excellence"], ""),
    (["NICE", "National Institute for Health and Care Excellence"], ""),
    (["BASW", "British Association of Social Workers"], ""),
    (["SWE", "Social Work England"], "The regulator in England"),
    (["ICO", "Information Commissioner's Office"], ""),
    (["LGA", "Local Government Association"], ""),
    (["ADASS", "Association of Directors of Adult Social Services"], ""),
    (["DfE", "Department for Education"], ""),
    (["DHSC", "Department of Health and Social Care"], ""),
    (["TLAP", "Think Local Act Personal"], ""),
    (["RiP", "Research in Practice"], ""),
]


def add_defaults(apps, schema_editor):
    SynonymGroup = apps.get_model("cop_search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms="\n".join(terms), note=note) for terms, note in DEFAULT_SYNONYMS
    )


class Migration(migrations.Migration):
    dependencies = [("cop_search", "0002_synonymgroup")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]

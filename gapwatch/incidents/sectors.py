"""The eight named sectors of the federal-Peshmerga line (data/geo/SOURCES.md), north-west
to south-east, each made of whole contact-line districts."""

from __future__ import annotations

from dataclasses import dataclass

from gapwatch.model import Bilingual


@dataclass(frozen=True)
class Sector:
    """One of the eight named sectors of the federal-Peshmerga line (data/geo/SOURCES.md),
    north-west to south-east, with the contact-line districts it is made of."""

    id: str
    name: Bilingual
    districts: tuple[str, ...]  # ADM2_PCODE of data/geo/contact_line_districts_adm2.geojson


#: The eight sectors of data/geo/SOURCES.md ("Named sectors ... from public reporting
#: 2017-2023"), each made of whole districts of contact_line_districts_adm2.geojson. The
#: district split is ours: Aqra goes with the Nineveh plains (it borders Shekhan), Kirkuk
#: district (Shwan, Qarahanjir) with Prde-Dibis (the Kirkuk-Erbil stretch), Chamchamal
#: (Qadir Karam) with Garmiyan. Arabic names are our rendering.
SECTORS: tuple[Sector, ...] = (
    Sector(
        "sinjar-rabia-zummar",
        Bilingual(en="Sinjar / Rabia / Zummar (Nineveh)", ar="سنجار / ربيعة / زمار (نينوى)"),
        ("IQG15Q07", "IQG15Q08"),
    ),
    Sector(
        "nineveh-plains",
        Bilingual(
            en="Nineveh plains: Tilkaif, Shekhan, Hamdaniya/Bashiqa",
            ar="سهل نينوى: تلكيف، الشيخان، الحمدانية/بعشيقة",
        ),
        ("IQG15Q09", "IQG15Q06", "IQG15Q03", "IQG15Q01"),
    ),
    Sector(
        "gwer-makhmour",
        Bilingual(
            en="Gwer – Makhmour / Qarachogh / Great Zab",
            ar="كوير – مخمور / قره جوغ / الزاب الكبير",
        ),
        ("IQG11Q04",),
    ),
    Sector(
        "prde-dibis",
        Bilingual(
            en="Prde (Altun Kupri) – Dibis, Kirkuk–Erbil",
            ar="پردێ (آلتون كوبري) – دبس، كركوك–أربيل",
        ),
        ("IQG13Q03", "IQG13Q04"),
    ),
    Sector(
        "kirkuk-south-west",
        Bilingual(
            en="South and west of Kirkuk: Hawija, Riyadh, Abbasi, Daquq",
            ar="جنوب وغرب كركوك: الحويجة، الرياض، العباسي، داقوق",
        ),
        ("IQG13Q01", "IQG13Q02"),
    ),
    Sector(
        "tuz-hamrin",
        Bilingual(
            en="Tuz Khurmatu / Sulaiman Beg / Hamrin",
            ar="طوزخورماتو / سليمان بيك / حمرين",
        ),
        ("IQG16Q07",),
    ),
    Sector(
        "garmiyan",
        Bilingual(en="Garmiyan: Kifri, Kolajo, Qara Tapa", ar="كرميان: كفري، كولاجو، قره تبه"),
        ("IQG10Q06", "IQG06Q06", "IQG06Q02"),
    ),
    Sector(
        "khanaqin-jalawla",
        Bilingual(
            en="Khanaqin / Jalawla / Hamrin basin (Diyala)",
            ar="خانقين / جلولاء / حوض حمرين (ديالى)",
        ),
        ("IQG10Q05",),
    ),
)
SECTOR_IDS: tuple[str, ...] = tuple(s.id for s in SECTORS)


def sector_names() -> dict[str, Bilingual]:
    """Sector id -> its name in English and Arabic, north-west to south-east."""
    return {s.id: s.name for s in SECTORS}

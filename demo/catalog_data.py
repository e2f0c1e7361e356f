"""The demo shop's assortment as plain data: categories, brands, seals, attributes and product kinds.

Kept apart from `demo.catalog` (which writes it) so the catalogue can be read and extended
like a product sheet. German is the source language; every text has its English twin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class CategoryData:
    key: str
    title: str
    title_en: str
    intro: str
    intro_en: str
    colour: tuple[int, int, int]
    parent: str | None = None


@dataclass(frozen=True)
class Size:
    label: str
    label_en: str
    quantity: Decimal
    unit: str
    price_factor: Decimal


@dataclass(frozen=True)
class ProductKind:
    title: str
    title_en: str
    price: Decimal
    ingredients: str
    attributes: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ("bio",)
    also_in: str | None = None
    allergens: str = ""


@dataclass(frozen=True)
class SubcategoryAssortment:
    category: str
    code: str
    brands: tuple[str, ...]
    sizes: tuple[Size, ...]
    tax_class: str
    kinds: tuple[ProductKind, ...]
    description: str
    description_en: str
    usage: str
    usage_en: str
    shapes: tuple[str, ...] = field(default=("circle", "leaf", "drop"))


CATEGORIES: tuple[CategoryData, ...] = (
    CategoryData(
        "tee",
        "Tee",
        "Tea",
        "Bio-Tees aus kontrolliertem Anbau – lose und im Beutel.",
        "Organic teas from controlled cultivation – loose and in bags.",
        (86, 125, 70),
    ),
    CategoryData(
        "kraeutertee",
        "Kräutertee",
        "Herbal tea",
        "Kräuter und Blüten, sorgfältig getrocknet.",
        "Herbs and blossoms, carefully dried.",
        (110, 150, 80),
        "tee",
    ),
    CategoryData(
        "gruener-tee",
        "Grüner Tee",
        "Green tea",
        "Sencha, Matcha und Gunpowder aus Japan und China.",
        "Sencha, matcha and gunpowder from Japan and China.",
        (70, 140, 90),
        "tee",
    ),
    CategoryData(
        "schwarzer-tee",
        "Schwarzer Tee",
        "Black tea",
        "Assam, Darjeeling und Earl Grey in Bio-Qualität.",
        "Assam, Darjeeling and Earl Grey in organic quality.",
        (120, 70, 50),
        "tee",
    ),
    CategoryData(
        "naturkosmetik",
        "Naturkosmetik",
        "Natural cosmetics",
        "Zertifizierte Naturkosmetik ohne Mikroplastik und Silikone.",
        "Certified natural cosmetics without microplastics or silicones.",
        (176, 110, 140),
    ),
    CategoryData(
        "gesichtspflege",
        "Gesichtspflege",
        "Face care",
        "Cremes, Seren und Reinigung für jeden Hauttyp.",
        "Creams, serums and cleansers for every skin type.",
        (190, 120, 150),
        "naturkosmetik",
    ),
    CategoryData(
        "koerperpflege",
        "Körperpflege",
        "Body care",
        "Duschgele, Lotionen und Öle mit pflanzlichen Wirkstoffen.",
        "Shower gels, lotions and oils with plant actives.",
        (160, 100, 170),
        "naturkosmetik",
    ),
    CategoryData(
        "haarpflege",
        "Haarpflege",
        "Hair care",
        "Milde Shampoos und Spülungen auf Pflanzenbasis.",
        "Mild plant-based shampoos and conditioners.",
        (130, 90, 160),
        "naturkosmetik",
    ),
    CategoryData(
        "superfoods",
        "Superfoods",
        "Superfoods",
        "Nährstoffreiche Pulver, Samen und Nüsse für jeden Tag.",
        "Nutrient-rich powders, seeds and nuts for every day.",
        (200, 140, 40),
    ),
    CategoryData(
        "pulver",
        "Pulver",
        "Powders",
        "Fein gemahlen für Smoothies, Müsli und Backen.",
        "Finely ground for smoothies, muesli and baking.",
        (210, 160, 50),
        "superfoods",
    ),
    CategoryData(
        "samen-nuesse",
        "Samen & Nüsse",
        "Seeds & nuts",
        "Chiasamen, Leinsamen, Mandeln und mehr.",
        "Chia seeds, linseed, almonds and more.",
        (170, 120, 60),
        "superfoods",
    ),
    CategoryData(
        "haushalt",
        "Haushalt",
        "Household",
        "Ökologische Reinigungsmittel und nachhaltige Helfer.",
        "Ecological cleaning products and sustainable helpers.",
        (60, 130, 160),
    ),
    CategoryData(
        "reinigung",
        "Reinigung",
        "Cleaning",
        "Biologisch abbaubare Reiniger für Küche, Bad und Wäsche.",
        "Biodegradable cleaners for kitchen, bathroom and laundry.",
        (70, 150, 180),
        "haushalt",
    ),
)

BRANDS: dict[str, str] = {
    "Kräutergarten Allgäu": "Familienbetrieb aus dem Allgäu, Kräuter aus eigenem Bio-Anbau.",
    "Teehaus Elbufer": "Hamburger Teehandel seit 1952, direkt von den Gärten.",
    "Alpenrein Naturkosmetik": "Naturkosmetik mit Alpenkräutern, NATRUE-zertifiziert.",
    "Blütenwerk": "Vegane Pflege mit Blütenextrakten aus Baden.",
    "Kernkraft Superfoods": "Superfoods in Rohkostqualität, schonend verarbeitet.",
    "Sonnenkorn": "Samen und Nüsse aus europäischem Bio-Anbau.",
    "Klarwerk": "Ökologische Reinigungsmittel, biologisch abbaubar.",
    "Naturwest": "Die Eigenmarke: ausgewählte Klassiker zum fairen Preis.",
}

# slug: (German name, English name, seal colour, description)
CERTIFICATIONS: dict[str, tuple[str, str, tuple[int, int, int], str]] = {
    "bio": ("Bio", "Organic", (60, 140, 60), "EU-Bio-Siegel: aus kontrolliert biologischem Anbau."),
    "vegan": ("vegan", "Vegan", (90, 160, 70), "Frei von tierischen Inhaltsstoffen."),
    "demeter": ("Demeter", "Demeter", (230, 120, 30), "Biodynamischer Anbau nach Demeter-Richtlinien."),
    "fairtrade": ("Fairtrade", "Fairtrade", (20, 110, 160), "Fair gehandelt, mit Mindestpreisen für Erzeuger."),
    "naturland": ("Naturland", "Naturland", (40, 120, 90), "Ökologischer Landbau nach Naturland-Richtlinien."),
    "natrue": ("NATRUE", "NATRUE", (140, 80, 130), "Zertifizierte Natur- und Biokosmetik."),
}

# slug: (group, value, group EN, value EN)
ATTRIBUTES: dict[str, tuple[str, str, str, str]] = {
    "hauttyp-trocken": ("Hauttyp", "trocken", "Skin type", "dry"),
    "hauttyp-normal": ("Hauttyp", "normal", "Skin type", "normal"),
    "hauttyp-empfindlich": ("Hauttyp", "empfindlich", "Skin type", "sensitive"),
    "hauttyp-mischhaut": ("Hauttyp", "Mischhaut", "Skin type", "combination"),
    "geschmack-minze": ("Geschmack", "Minze", "Flavour", "mint"),
    "geschmack-zitrus": ("Geschmack", "Zitrus", "Flavour", "citrus"),
    "geschmack-kraeuter": ("Geschmack", "Kräuter", "Flavour", "herbal"),
    "geschmack-fruchtig": ("Geschmack", "fruchtig", "Flavour", "fruity"),
    "geschmack-malzig": ("Geschmack", "malzig", "Flavour", "malty"),
    "koffein-koffeinfrei": ("Koffein", "koffeinfrei", "Caffeine", "caffeine-free"),
    "koffein-koffeinhaltig": ("Koffein", "koffeinhaltig", "Caffeine", "contains caffeine"),
    "duft-unparfuemiert": ("Duft", "unparfümiert", "Scent", "unscented"),
    "duft-lavendel": ("Duft", "Lavendel", "Scent", "lavender"),
    "duft-zitrus": ("Duft", "Zitrus", "Scent", "citrus"),
    "ernaehrung-glutenfrei": ("Ernährung", "glutenfrei", "Diet", "gluten-free"),
    "ernaehrung-rohkost": ("Ernährung", "Rohkostqualität", "Diet", "raw food quality"),
}

ORGANIC = "*aus kontrolliert biologischem Anbau"
D = Decimal


def _sizes(*rows: tuple[str, str, str, str, str]) -> tuple[Size, ...]:
    return tuple(Size(label, label_en, D(qty), unit, D(factor)) for label, label_en, qty, unit, factor in rows)


TEA_SIZES = _sizes(
    ("100 g", "100 g", "100", "g", "1"),
    ("250 g", "250 g", "250", "g", "2.2"),
    ("500 g", "500 g", "500", "g", "4"),
    ("1 kg", "1 kg", "1", "kg", "7.5"),
)
FACE_SIZES = _sizes(
    ("30 ml", "30 ml", "30", "ml", "1"),
    ("50 ml", "50 ml", "50", "ml", "1.5"),
    ("100 ml", "100 ml", "100", "ml", "2.6"),
)
BODY_SIZES = _sizes(
    ("200 ml", "200 ml", "200", "ml", "1"),
    ("500 ml", "500 ml", "500", "ml", "2.2"),
    ("1 l Nachfüllflasche", "1 l refill bottle", "1", "l", "3.8"),
    ("3 × 200 ml", "3 × 200 ml", "600", "ml", "2.7"),
)
POWDER_SIZES = _sizes(
    ("100 g", "100 g", "100", "g", "1"),
    ("250 g", "250 g", "250", "g", "2.3"),
    ("500 g", "500 g", "500", "g", "4.2"),
    ("1 kg", "1 kg", "1", "kg", "7.8"),
)
CLEANING_SIZES = _sizes(
    ("500 ml", "500 ml", "500", "ml", "1"),
    ("1 l", "1 l", "1", "l", "1.7"),
    ("5 l Kanister", "5 l canister", "5", "l", "6.5"),
)

INCI_FACE = "Aqua, Helianthus Annuus Seed Oil*, Glycerin, Butyrospermum Parkii Butter*, Cetearyl Alcohol, "
INCI_BODY = "Aqua, Coco-Glucoside, Glycerin, Sodium Cocoyl Glutamate, Lauryl Glucoside, "
INCI_HAIR = "Aqua, Coco-Glucoside, Glycerin, Decyl Glucoside, Sodium Coco-Sulfate, "


def _kind(title, title_en, price, ingredients, attributes=(), certifications=("bio",), also_in=None, allergens=""):
    return ProductKind(
        title, title_en, D(price), ingredients, tuple(attributes), tuple(certifications), also_in, allergens
    )


ASSORTMENT: tuple[SubcategoryAssortment, ...] = (
    SubcategoryAssortment(
        category="kraeutertee",
        code="KT",
        brands=("Kräutergarten Allgäu", "Teehaus Elbufer", "Naturwest"),
        sizes=TEA_SIZES,
        tax_class="reduced",
        kinds=(
            _kind(
                "Pfefferminztee",
                "Peppermint tea",
                "4.49",
                f"Pfefferminzblätter* (100 %). {ORGANIC}",
                ["geschmack-minze", "koffein-koffeinfrei"],
                ["bio", "vegan"],
            ),
            _kind(
                "Kamillenblütentee",
                "Chamomile tea",
                "4.29",
                f"Kamillenblüten* (100 %). {ORGANIC}",
                ["geschmack-kraeuter", "koffein-koffeinfrei"],
                ["bio", "demeter"],
            ),
            _kind(
                "Ingwer-Zitrone Kräutertee",
                "Ginger lemon herbal tea",
                "4.99",
                f"Ingwer* (40 %), Zitronengras*, Süßholzwurzel*, Zitronenschalen* (5 %). {ORGANIC}",
                ["geschmack-zitrus", "koffein-koffeinfrei"],
                ["bio", "vegan"],
            ),
            _kind(
                "Salbeitee",
                "Sage tea",
                "4.19",
                f"Salbeiblätter* (100 %). {ORGANIC}",
                ["geschmack-kraeuter", "koffein-koffeinfrei"],
                ["bio", "naturland"],
            ),
            _kind(
                "Rooibos Vanille",
                "Rooibos vanilla",
                "5.29",
                f"Rooibos* (95 %), Vanilleschoten* (2 %), natürliches Aroma. {ORGANIC}",
                ["geschmack-fruchtig", "koffein-koffeinfrei"],
                ["bio", "fairtrade"],
            ),
            _kind(
                "Fencheltee",
                "Fennel tea",
                "3.99",
                f"Bitterfenchel* (100 %). {ORGANIC}",
                ["geschmack-kraeuter", "koffein-koffeinfrei"],
                ["bio"],
            ),
            _kind(
                "Hagebutte-Hibiskus",
                "Rosehip hibiscus",
                "4.59",
                f"Hagebuttenschalen* (50 %), Hibiskusblüten* (40 %), Apfelstücke*. {ORGANIC}",
                ["geschmack-fruchtig", "koffein-koffeinfrei"],
                ["bio", "vegan"],
            ),
        ),
        description="Unser {title} stammt aus kontrolliert biologischem Anbau und wird schonend getrocknet, "
        "damit die ätherischen Öle erhalten bleiben. Ideal für ruhige Momente am Abend oder als "
        "wohltuender Begleiter durch den Tag.",
        description_en="Our {title} comes from controlled organic cultivation and is dried gently to preserve "
        "the essential oils. Ideal for quiet evenings or as a soothing companion through the day.",
        usage="1 gehäuften Teelöffel (ca. 2 g) mit 250 ml sprudelnd kochendem Wasser übergießen und 5–8 Minuten "
        "ziehen lassen.",
        usage_en="Pour 250 ml of boiling water over 1 heaped teaspoon (approx. 2 g) and steep for 5–8 minutes.",
        shapes=("leaf", "circle", "leaf"),
    ),
    SubcategoryAssortment(
        category="gruener-tee",
        code="GT",
        brands=("Teehaus Elbufer", "Naturwest"),
        sizes=TEA_SIZES,
        tax_class="reduced",
        kinds=(
            _kind(
                "Japan Sencha",
                "Japan sencha",
                "7.90",
                f"Grüner Tee* (100 %) aus Japan. {ORGANIC}",
                ["geschmack-kraeuter", "koffein-koffeinhaltig"],
                ["bio"],
            ),
            _kind(
                "Matcha Premium",
                "Matcha premium",
                "19.90",
                f"Grüner Tee* gemahlen (100 %). {ORGANIC}",
                ["koffein-koffeinhaltig"],
                ["bio", "vegan"],
                also_in="pulver",
            ),
            _kind(
                "China Gunpowder",
                "China gunpowder",
                "5.49",
                f"Grüner Tee* (100 %) aus China. {ORGANIC}",
                ["koffein-koffeinhaltig"],
                ["bio", "fairtrade"],
            ),
            _kind(
                "Grüntee Jasmin",
                "Jasmine green tea",
                "6.90",
                f"Grüner Tee* (90 %), Jasminblüten* (10 %). {ORGANIC}",
                ["geschmack-fruchtig", "koffein-koffeinhaltig"],
                ["bio"],
            ),
            _kind(
                "Grüntee Minze",
                "Green tea mint",
                "5.99",
                f"Grüner Tee* (70 %), Nanaminze* (30 %). {ORGANIC}",
                ["geschmack-minze", "koffein-koffeinhaltig"],
                ["bio", "vegan"],
            ),
        ),
        description="{title} mit frisch-grasigem Aroma und feiner Süße. Die Blätter werden kurz nach der "
        "Ernte gedämpft, so bleibt die leuchtend grüne Tasse erhalten.",
        description_en="{title} with a fresh, grassy aroma and delicate sweetness. The leaves are steamed "
        "shortly after harvest to keep the cup bright green.",
        usage="1 Teelöffel mit 250 ml Wasser (70–80 °C) aufgießen und 2–3 Minuten ziehen lassen.",
        usage_en="Infuse 1 teaspoon with 250 ml of water (70–80 °C) and steep for 2–3 minutes.",
        shapes=("leaf", "drop", "circle"),
    ),
    SubcategoryAssortment(
        category="schwarzer-tee",
        code="ST",
        brands=("Teehaus Elbufer", "Naturwest", "Kräutergarten Allgäu"),
        sizes=TEA_SIZES,
        tax_class="reduced",
        kinds=(
            _kind(
                "Assam Broken",
                "Assam broken",
                "5.49",
                f"Schwarzer Tee* (100 %) aus Assam. {ORGANIC}",
                ["geschmack-malzig", "koffein-koffeinhaltig"],
                ["bio", "fairtrade"],
            ),
            _kind(
                "Darjeeling First Flush",
                "Darjeeling first flush",
                "9.90",
                f"Schwarzer Tee* (100 %) aus Darjeeling. {ORGANIC}",
                ["koffein-koffeinhaltig"],
                ["bio"],
            ),
            _kind(
                "Earl Grey",
                "Earl Grey",
                "5.99",
                f"Schwarzer Tee* (97 %), Bergamottöl* (3 %). {ORGANIC}",
                ["geschmack-zitrus", "koffein-koffeinhaltig"],
                ["bio", "vegan"],
            ),
            _kind(
                "Ostfriesen-Mischung",
                "East Frisian blend",
                "4.99",
                f"Schwarzer Tee* (Assam, Ceylon). {ORGANIC}",
                ["geschmack-malzig", "koffein-koffeinhaltig"],
                ["bio", "naturland"],
            ),
            _kind(
                "Chai Gewürztee",
                "Chai spiced tea",
                "6.49",
                f"Schwarzer Tee* (60 %), Zimt*, Ingwer*, Kardamom*, Nelken*, Pfeffer*. {ORGANIC}",
                ["koffein-koffeinhaltig"],
                ["bio", "fairtrade", "vegan"],
            ),
        ),
        description="{title} – kräftig, aromatisch und vollmundig. Sorgfältig ausgewählte Blätter aus "
        "zertifizierten Gärten, direkt und fair eingekauft.",
        description_en="{title} – strong, aromatic and full-bodied. Carefully selected leaves from "
        "certified gardens, bought directly and fairly.",
        usage="1 Teelöffel mit 250 ml kochendem Wasser aufgießen, 3–5 Minuten ziehen lassen.",
        usage_en="Infuse 1 teaspoon with 250 ml of boiling water and steep for 3–5 minutes.",
        shapes=("circle", "leaf", "drop"),
    ),
    SubcategoryAssortment(
        category="gesichtspflege",
        code="GP",
        brands=("Alpenrein Naturkosmetik", "Blütenwerk", "Naturwest"),
        sizes=FACE_SIZES,
        tax_class="standard",
        kinds=(
            _kind(
                "Feuchtigkeitscreme Hagebutte",
                "Rosehip moisturising cream",
                "14.90",
                INCI_FACE + "Rosa Canina Fruit Oil*, Tocopherol, Xanthan Gum, Parfum**. *from organic farming, "
                "**from natural essential oils",
                ["hauttyp-normal", "hauttyp-trocken"],
                ["natrue", "vegan"],
            ),
            _kind(
                "Sensitiv Gesichtscreme",
                "Sensitive face cream",
                "15.90",
                INCI_FACE + "Calendula Officinalis Flower Extract*, Tocopherol, Xanthan Gum. *from organic farming",
                ["hauttyp-empfindlich", "duft-unparfuemiert"],
                ["natrue", "vegan", "bio"],
            ),
            _kind(
                "Hyaluron Serum",
                "Hyaluronic serum",
                "19.90",
                "Aqua, Glycerin, Sodium Hyaluronate, Aloe Barbadensis Leaf Juice*, Sodium Levulinate, "
                "Citric Acid. *from organic farming",
                ["hauttyp-mischhaut", "duft-unparfuemiert"],
                ["natrue", "vegan"],
            ),
            _kind(
                "Reinigungsmilch Lavendel",
                "Lavender cleansing milk",
                "11.90",
                INCI_FACE + "Lavandula Angustifolia Oil*, Linalool**. *from organic farming, "
                "**from natural essential oils",
                ["hauttyp-normal", "duft-lavendel"],
                ["natrue", "bio"],
            ),
            _kind(
                "Nachtcreme Granatapfel",
                "Pomegranate night cream",
                "17.90",
                INCI_FACE + "Punica Granatum Seed Oil*, Tocopherol, Parfum**. *from organic farming, "
                "**from natural essential oils",
                ["hauttyp-trocken"],
                ["natrue"],
            ),
            _kind(
                "Klärendes Gesichtswasser",
                "Clarifying toner",
                "9.90",
                "Aqua, Hamamelis Virginiana Water*, Alcohol*, Glycerin, Salvia Officinalis Leaf Extract*. "
                "*from organic farming",
                ["hauttyp-mischhaut"],
                ["natrue", "vegan"],
            ),
        ),
        description="{title} mit pflanzlichen Ölen und Extrakten pflegt die Haut spürbar und zieht schnell "
        "ein. Dermatologisch getestet, ohne Silikone, Paraffine und synthetische Duftstoffe.",
        description_en="{title} with plant oils and extracts noticeably cares for the skin and absorbs "
        "quickly. Dermatologically tested, free from silicones, paraffins and synthetic fragrances.",
        usage="Morgens und/oder abends auf die gereinigte Haut von Gesicht und Hals auftragen.",
        usage_en="Apply to cleansed skin of face and neck in the morning and/or evening.",
        shapes=("drop", "bottle", "circle"),
    ),
    SubcategoryAssortment(
        category="koerperpflege",
        code="KP",
        brands=("Blütenwerk", "Alpenrein Naturkosmetik", "Naturwest"),
        sizes=BODY_SIZES,
        tax_class="standard",
        kinds=(
            _kind(
                "Duschgel Zitrone-Verbene",
                "Lemon verbena shower gel",
                "5.49",
                INCI_BODY + "Citrus Limon Peel Oil*, Lippia Citriodora Extract*, Limonene**. *from organic "
                "farming, **from natural essential oils",
                ["duft-zitrus", "hauttyp-normal"],
                ["natrue", "vegan"],
            ),
            _kind(
                "Bodylotion Mandel",
                "Almond body lotion",
                "8.90",
                "Aqua, Prunus Amygdalus Dulcis Oil*, Glycerin, Cetearyl Alcohol, Xanthan Gum. *from organic farming",
                ["hauttyp-trocken", "duft-unparfuemiert"],
                ["natrue", "bio"],
                allergens="Enthält Mandelöl",
            ),
            _kind(
                "Lavendel Körperöl",
                "Lavender body oil",
                "12.90",
                "Helianthus Annuus Seed Oil*, Simmondsia Chinensis Seed Oil*, Lavandula Angustifolia Oil*, "
                "Linalool**. *from organic farming, **from natural essential oils",
                ["duft-lavendel"],
                ["natrue", "vegan", "demeter"],
            ),
            _kind(
                "Handcreme Ringelblume",
                "Calendula hand cream",
                "6.90",
                INCI_FACE + "Calendula Officinalis Flower Extract*. *from organic farming",
                ["hauttyp-trocken"],
                ["natrue", "vegan"],
            ),
            _kind(
                "Deo Roll-on Salbei",
                "Sage roll-on deodorant",
                "5.99",
                "Aqua, Alcohol*, Glycerin, Salvia Officinalis Oil*, Sodium Bicarbonate. *from organic farming",
                ["hauttyp-empfindlich"],
                ["natrue"],
            ),
        ),
        description="{title} – milde Pflege für jeden Tag mit Zutaten aus biologischem Anbau. Biologisch "
        "abbaubare Rezeptur in einer Flasche aus Recyclingkunststoff.",
        description_en="{title} – mild everyday care with ingredients from organic farming. Biodegradable "
        "formula in a bottle made of recycled plastic.",
        usage="Auf die feuchte bzw. trockene Haut auftragen und sanft einmassieren.",
        usage_en="Apply to damp or dry skin and massage in gently.",
        shapes=("bottle", "drop", "circle"),
    ),
    SubcategoryAssortment(
        category="haarpflege",
        code="HP",
        brands=("Alpenrein Naturkosmetik", "Blütenwerk"),
        sizes=BODY_SIZES,
        tax_class="standard",
        kinds=(
            _kind(
                "Shampoo Brennnessel",
                "Nettle shampoo",
                "6.49",
                INCI_HAIR + "Urtica Dioica Leaf Extract*, Citric Acid. *from organic farming",
                ["duft-unparfuemiert"],
                ["natrue", "vegan"],
            ),
            _kind(
                "Spülung Hafer",
                "Oat conditioner",
                "6.99",
                "Aqua, Cetearyl Alcohol, Avena Sativa Kernel Extract*, Glycerin, Distearoylethyl "
                "Dimonium Chloride. *from organic farming",
                ["hauttyp-empfindlich"],
                ["natrue"],
                allergens="Enthält Hafer (Gluten)",
            ),
            _kind(
                "Festes Shampoo Rosmarin",
                "Rosemary shampoo bar",
                "8.90",
                "Sodium Coco-Sulfate, Cocos Nucifera Oil*, Rosmarinus Officinalis Leaf Oil*, Kaolin. "
                "*from organic farming",
                ["duft-zitrus"],
                ["natrue", "vegan"],
            ),
            _kind(
                "Haaröl Argan",
                "Argan hair oil",
                "13.90",
                "Argania Spinosa Kernel Oil*, Simmondsia Chinensis Seed Oil*, Tocopherol. *from organic farming",
                ["hauttyp-trocken"],
                ["natrue", "vegan", "fairtrade"],
            ),
        ),
        description="{title} reinigt mild und pflegt mit pflanzlichen Wirkstoffen – für glänzendes, leicht "
        "kämmbares Haar ohne Silikone.",
        description_en="{title} cleanses mildly and cares with plant actives – for shiny, easy-to-comb hair "
        "without silicones.",
        usage="In das feuchte Haar einmassieren, kurz einwirken lassen und gründlich ausspülen.",
        usage_en="Massage into wet hair, leave on briefly and rinse thoroughly.",
        shapes=("bottle", "drop", "leaf"),
    ),
    SubcategoryAssortment(
        category="pulver",
        code="PU",
        brands=("Kernkraft Superfoods", "Naturwest"),
        sizes=POWDER_SIZES,
        tax_class="reduced",
        kinds=(
            _kind(
                "Moringa Pulver",
                "Moringa powder",
                "8.90",
                f"Moringablätter* gemahlen (100 %). {ORGANIC}",
                ["ernaehrung-rohkost", "ernaehrung-glutenfrei"],
                ["bio", "vegan"],
            ),
            _kind(
                "Gerstengras Pulver",
                "Barley grass powder",
                "9.90",
                f"Gerstengras* (100 %). {ORGANIC}",
                ["ernaehrung-rohkost"],
                ["bio", "vegan", "naturland"],
            ),
            _kind(
                "Kakao Pulver roh",
                "Raw cacao powder",
                "7.49",
                f"Kakaobohnen* entölt (100 %). {ORGANIC}",
                ["ernaehrung-glutenfrei"],
                ["bio", "fairtrade", "vegan"],
            ),
            _kind(
                "Kurkuma Pulver",
                "Turmeric powder",
                "5.90",
                f"Kurkumawurzel* gemahlen (100 %). {ORGANIC}",
                ["ernaehrung-glutenfrei"],
                ["bio", "vegan"],
            ),
            _kind(
                "Baobab Fruchtpulver",
                "Baobab fruit powder",
                "11.90",
                f"Baobab-Fruchtpulver* (100 %). {ORGANIC}",
                ["ernaehrung-rohkost", "geschmack-fruchtig"],
                ["bio", "fairtrade"],
            ),
            _kind(
                "Hanfprotein Pulver",
                "Hemp protein powder",
                "12.90",
                f"Hanfsamenprotein* (100 %). {ORGANIC}",
                ["ernaehrung-glutenfrei"],
                ["bio", "vegan"],
            ),
        ),
        description="{title} in Bio-Qualität, schonend verarbeitet und fein gemahlen. Passt in Smoothies, "
        "Joghurt, Müsli und zum Backen.",
        description_en="{title} in organic quality, gently processed and finely ground. Great in smoothies, "
        "yoghurt, muesli and for baking.",
        usage="Täglich 1–2 Teelöffel (ca. 5 g) in Getränke oder Speisen einrühren. Kühl und trocken lagern.",
        usage_en="Stir 1–2 teaspoons (approx. 5 g) into drinks or food daily. Store in a cool, dry place.",
        shapes=("circle", "drop", "circle"),
    ),
    SubcategoryAssortment(
        category="samen-nuesse",
        code="SN",
        brands=("Sonnenkorn", "Kernkraft Superfoods", "Naturwest"),
        sizes=POWDER_SIZES,
        tax_class="reduced",
        kinds=(
            _kind(
                "Chiasamen",
                "Chia seeds",
                "4.99",
                f"Chiasamen* (100 %). {ORGANIC}",
                ["ernaehrung-glutenfrei", "ernaehrung-rohkost"],
                ["bio", "vegan"],
            ),
            _kind(
                "Leinsamen goldgelb",
                "Golden linseed",
                "3.49",
                f"Leinsamen* (100 %). {ORGANIC}",
                ["ernaehrung-glutenfrei"],
                ["bio", "naturland"],
            ),
            _kind(
                "Mandeln naturbelassen",
                "Natural almonds",
                "7.90",
                f"Mandeln* (100 %). {ORGANIC}",
                ["ernaehrung-rohkost"],
                ["bio", "vegan"],
                allergens="Schalenfrüchte (Mandeln)",
            ),
            _kind(
                "Cashewkerne",
                "Cashew nuts",
                "8.90",
                f"Cashewkerne* (100 %). {ORGANIC}",
                ["ernaehrung-glutenfrei"],
                ["bio", "fairtrade"],
                allergens="Schalenfrüchte (Cashew)",
            ),
            _kind(
                "Kürbiskerne",
                "Pumpkin seeds",
                "5.49",
                f"Kürbiskerne* (100 %). {ORGANIC}",
                ["ernaehrung-glutenfrei"],
                ["bio", "demeter"],
            ),
            _kind(
                "Walnusskerne",
                "Walnut kernels",
                "8.49",
                f"Walnusskerne* (100 %). {ORGANIC}",
                ["ernaehrung-rohkost"],
                ["bio"],
                allergens="Schalenfrüchte (Walnüsse)",
            ),
        ),
        description="{title} aus europäischem Bio-Anbau, sorgfältig verlesen und ungeröstet. Ein "
        "knackiger Snack und eine nährstoffreiche Zutat für Müsli, Salate und Brot.",
        description_en="{title} from European organic farming, carefully sorted and unroasted. A crunchy "
        "snack and a nutrient-rich ingredient for muesli, salads and bread.",
        usage="Pur genießen oder über Müsli und Salate streuen. Nach dem Öffnen verschlossen lagern.",
        usage_en="Enjoy as they are or sprinkle over muesli and salads. Keep closed after opening.",
        shapes=("circle", "leaf", "circle"),
    ),
    SubcategoryAssortment(
        category="reinigung",
        code="RE",
        brands=("Klarwerk", "Naturwest"),
        sizes=CLEANING_SIZES,
        tax_class="standard",
        kinds=(
            _kind(
                "Allzweckreiniger Zitrone",
                "Lemon all-purpose cleaner",
                "3.99",
                "< 5 % anionische Tenside, nichtionische Tenside; Duftstoffe (Limonene)",
                ["duft-zitrus"],
                ["vegan"],
            ),
            _kind(
                "Spülmittel Kamille",
                "Chamomile washing-up liquid",
                "2.99",
                "5–15 % anionische Tenside, < 5 % nichtionische Tenside; Duftstoffe",
                ["duft-unparfuemiert"],
                ["vegan"],
            ),
            _kind(
                "Waschmittel Sensitiv",
                "Sensitive laundry detergent",
                "9.90",
                "15–30 % nichtionische Tenside, Seife; Enzyme",
                ["duft-unparfuemiert"],
                ["vegan"],
            ),
            _kind(
                "Badreiniger Essig",
                "Vinegar bathroom cleaner",
                "3.49",
                "< 5 % nichtionische Tenside, Essigsäure; Duftstoffe",
                ["duft-zitrus"],
                ["vegan"],
            ),
            _kind(
                "Glasreiniger Lavendel",
                "Lavender glass cleaner",
                "3.29",
                "< 5 % nichtionische Tenside, Alkohol; Duftstoffe (Linalool)",
                ["duft-lavendel"],
                ["vegan"],
            ),
        ),
        description="{title} auf Basis pflanzlicher Tenside, biologisch abbaubar nach OECD 301 und frei von "
        "Mikroplastik. Die Flasche besteht zu 100 % aus Recyclingmaterial.",
        description_en="{title} based on plant surfactants, biodegradable according to OECD 301 and free "
        "from microplastics. The bottle is made of 100 % recycled material.",
        usage="Je nach Verschmutzung 1–2 Spritzer auf ein feuchtes Tuch geben. Außer Reichweite von Kindern "
        "aufbewahren.",
        usage_en="Depending on the dirt, apply 1–2 squirts to a damp cloth. Keep out of the reach of children.",
        shapes=("bottle", "drop", "bottle"),
    ),
)

# Extra words for repeated kinds, so a large catalogue still has distinct titles.
PRODUCT_LINES: tuple[tuple[str, str], ...] = (
    ("Klassik", "Classic"),
    ("Premium", "Premium"),
    ("Sensitiv", "Sensitive"),
    ("Familienpackung", "Family pack"),
    ("Limitierte Edition", "Limited edition"),
    ("Reisegröße", "Travel size"),
    ("Vorratspack", "Value pack"),
    ("Manufaktur", "Artisan"),
)

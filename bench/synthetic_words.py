"""The made-up world of the synthetic corpus: pseudo-words built from syllables and used
with Zipf frequencies, people's names in the forms readouts print them (Vietnamese,
Chinese, Korean, Thai and European, with their diacritics), countries, cities,
organisations, and the titles people hold. Everything is made from one seed, so the
same seed always gives the same world."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

ONSETS = (
    "", "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kh", "l", "m",
    "n", "ng", "p", "ph", "pr", "qu", "r", "s", "sh", "sk", "st", "t", "th", "tr", "v",
    "w", "z",
)  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ou", "ia", "y")
CODAS = ("", "", "", "", "", "n", "ng", "r", "l", "s", "m", "t", "x", "nd", "st")
SUFFIXES = ("",) * 12 + ("ion", "ity", "al", "ive", "ism", "ment", "ing", "ic", "ery", "er")

VIETNAMESE_FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh", "Lương", "Mai",
)  # fmt: skip
VIETNAMESE_MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Thanh", "Quốc", "Hồng", "Xuân", "Trọng", "Thế")
VIETNAMESE_GIVEN = (
    "Hùng", "Dũng", "Chính", "Thưởng", "Hằng", "Sơn", "Phúc", "Lâm", "Tuấn", "Khải",
    "Nhân", "Thắng", "Hiếu", "Long", "Vượng", "Quyết", "Tâm", "Mẫn", "Hải", "Ngọc",
    "Trung", "Đạt", "Yến", "Giang", "Bình", "Toàn", "Cường", "Thủy", "Oanh", "Định",
)  # fmt: skip
CHINESE_FAMILY = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
                  "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Lǚ")  # fmt: skip
CHINESE_GIVEN = (
    "Yi", "Qiang", "Huning", "Jianguo", "Xiaoming", "Wei", "Lijun", "Zhengsheng", "Yuxi",
    "Haifeng", "Chunhua", "Jiechi", "Ning", "Zhaoxu", "Wenbo", "Xīnyuè", "Dongsheng",
    "Mingyu", "Jiahui", "Qīngyún",
)  # fmt: skip
KOREAN_FAMILY = ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Han")
KOREAN_GIVEN = (
    "Jae-myung", "Suk-yeol", "Min-jun", "Seo-yeon", "Ji-hoon", "Hye-jin", "Dong-hyun",
    "Tae-yong", "Kyung-wha", "Chŏng-il", "Sŏng-ho", "Eun-ji", "Young-sam", "Moon-soo",
)  # fmt: skip
THAI_GIVEN = (
    "Paetongtarn", "Srettha", "Prayut", "Anutin", "Parnpree", "Maris", "Chaiya", "Phūmin",
    "Somchai", "Kittiratt", "Nattapong", "Thanathorn", "Pirapan", "Wanchai",
)  # fmt: skip
THAI_FAMILY = (
    "Shinawatra", "Thavisin", "Chan-o-cha", "Charnvirakul", "Sangiampongsa", "Sangiam",
    "Wongsawat", "Phrommas", "Juangroongruangkit", "Salirathavibhaga", "Bunnag", "Sirivadh",
)  # fmt: skip
EUROPEAN_GIVEN = (
    "José", "François", "Søren", "Łukasz", "Jürgen", "Ángela", "Zoë", "Björn", "Mário",
    "Hélène", "Miloš", "Ștefan", "Dóra", "Kåre", "İlker", "Anaïs", "Piotr", "Marta",
    "Ursula", "Emmanuel", "Olaf", "Giorgia", "Pedro", "Mette", "Viktor", "Antonio",
)  # fmt: skip
EUROPEAN_FAMILY = (
    "Müller", "Dvořák", "Nowak", "García", "Lefèvre", "Kowalczyk", "Østergaard", "Sørensen",
    "Papadopoulos", "Ionescu", "Horváth", "Novák", "Fernández", "Costa", "Wiśniewski",
    "Gonçalves", "Ångström", "Øvergaard", "Schäfer", "Dubois", "Bianchi", "Kovačević",
)  # fmt: skip

COUNTRIES = (
    ("Việt Nam", "Vietnamese"), ("China", "Chinese"), ("Laos", "Lao"),
    ("Cambodia", "Cambodian"), ("Thailand", "Thai"), ("Japan", "Japanese"),
    ("the Republic of Korea", "Korean"), ("Indonesia", "Indonesian"),
    ("Malaysia", "Malaysian"), ("Singapore", "Singaporean"), ("the Philippines", "Philippine"),
    ("Myanmar", "Myanmar"), ("Brunei", "Bruneian"), ("India", "Indian"),
    ("Australia", "Australian"), ("New Zealand", "New Zealand"), ("France", "French"),
    ("Germany", "German"), ("the United Kingdom", "British"), ("Italy", "Italian"),
    ("Spain", "Spanish"), ("Poland", "Polish"), ("the Czech Republic", "Czech"),
    ("Hungary", "Hungarian"), ("Romania", "Romanian"), ("Denmark", "Danish"),
    ("Norway", "Norwegian"), ("Sweden", "Swedish"), ("Portugal", "Portuguese"),
    ("Brazil", "Brazilian"), ("Chile", "Chilean"), ("Mexico", "Mexican"),
    ("the United States", "US"), ("Canada", "Canadian"), ("Russia", "Russian"),
    ("Türkiye", "Turkish"), ("Egypt", "Egyptian"), ("South Africa", "South African"),
    ("Nigeria", "Nigerian"), ("Kazakhstan", "Kazakh"), ("Mongolia", "Mongolian"),
    ("Cuba", "Cuban"), ("Argentina", "Argentine"), ("Saudi Arabia", "Saudi"),
    ("the United Arab Emirates", "Emirati"), ("Qatar", "Qatari"), ("Pakistan", "Pakistani"),
    ("Bangladesh", "Bangladeshi"), ("Sri Lanka", "Sri Lankan"), ("Timor-Leste", "Timorese"),
)  # fmt: skip
CITIES = (
    "Hà Nội", "Hồ Chí Minh City", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế", "Beijing",
    "Shanghai", "Guangzhou", "Nanning", "Kunming", "Vientiane", "Luang Prabang",
    "Phnom Penh", "Siem Reap", "Bangkok", "Chiang Mai", "Tokyo", "Osaka", "Seoul", "Busan",
    "Jakarta", "Bali", "Kuala Lumpur", "Singapore", "Manila", "Naypyidaw", "New Delhi",
    "Canberra", "Sydney", "Paris", "Berlin", "London", "Rome", "Madrid", "Warsaw", "Kraków",
    "Prague", "Budapest", "Bucharest", "Copenhagen", "Oslo", "Stockholm", "Lisbon",
    "São Paulo", "Brasília", "Santiago", "Mexico City", "Washington", "Ottawa", "Moscow",
    "Ankara", "Cairo", "Pretoria", "Abuja", "Astana", "Ulaanbaatar", "Havana", "Zürich",
    "Genève", "Doha", "Riyadh", "Dhaka", "Colombo", "Dili",
)  # fmt: skip
TITLES = (
    "President", "Prime Minister", "General Secretary", "Foreign Minister",
    "Deputy Prime Minister", "Chairman of the National Assembly", "Vice President",
    "Minister of Foreign Affairs", "Minister of Industry and Trade", "Minister of Defence",
    "Permanent Deputy Foreign Minister", "Ambassador", "Premier", "State Councillor",
    "Speaker", "Chancellor", "Minister of Finance", "Governor", "Party Secretary",
)  # fmt: skip
FIELDS = (
    "trade", "investment", "education", "energy", "agriculture", "defence", "security",
    "tourism", "health care", "science and technology", "digital transformation",
    "infrastructure", "culture", "labour", "climate change", "finance", "logistics",
    "aviation", "fisheries", "green growth", "semiconductors", "renewable energy",
    "people-to-people exchanges", "maritime cooperation", "customs", "railways",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
SOURCES = ("VNA", "VNS", "Xinhua", "Reuters", "Nhân Dân", "Yonhap", "Kyodo", "Bernama",
           "Antara", "AFP", "Thai PBS", "ministry website")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # as written in full
    short: str  # as a later sentence calls them (Lâm, Xi, Müller)
    country: int  # index in COUNTRIES
    title: str


@dataclass(frozen=True, slots=True)
class World:
    words: tuple[str, ...]  # pseudo-words, most used first
    cumulative: tuple[float, ...]  # Zipf cumulative weights of `words`
    people: tuple[Person, ...]
    organisations: tuple[str, ...]
    places: tuple[str, ...]  # real cities and made-up towns


def _syllable(rng: random.Random) -> str:
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    """`count` distinct lower-case pseudo-words of 1-4 syllables, in random order."""
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < count:
        word = "".join(_syllable(rng) for _ in range(rng.choice((1, 2, 2, 2, 2, 3, 3))))
        word += rng.choice(SUFFIXES)
        if 2 < len(word) < 13 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_cumulative(count: int, exponent: float) -> tuple[float, ...]:
    """Cumulative weights for ranks 1..count with weight rank**-exponent."""
    return tuple(itertools.accumulate(rank**-exponent for rank in range(1, count + 1)))


def _person(rng: random.Random, countries: dict[str, int]) -> Person:
    culture = rng.choice(("vi", "vi", "zh", "zh", "ko", "th", "eu", "eu"))
    if culture == "vi":
        given = rng.choice(VIETNAMESE_GIVEN)
        parts = (rng.choice(VIETNAMESE_FAMILY), rng.choice(VIETNAMESE_MIDDLE), given)
        return Person(" ".join(parts), given, countries["Việt Nam"], rng.choice(TITLES))
    if culture == "zh":
        family = rng.choice(CHINESE_FAMILY)
        return Person(f"{family} {rng.choice(CHINESE_GIVEN)}", family, countries["China"],
                      rng.choice(TITLES))  # fmt: skip
    if culture == "ko":
        family = rng.choice(KOREAN_FAMILY)
        country = countries["the Republic of Korea"]
        return Person(f"{family} {rng.choice(KOREAN_GIVEN)}", family, country, rng.choice(TITLES))
    if culture == "th":
        given = rng.choice(THAI_GIVEN)
        name = f"{given} {rng.choice(THAI_FAMILY)}"
        return Person(name, given, countries["Thailand"], rng.choice(TITLES))
    family = rng.choice(EUROPEAN_FAMILY)
    country = rng.randrange(16, 30)  # a European country
    return Person(f"{rng.choice(EUROPEAN_GIVEN)} {family}", family, country, rng.choice(TITLES))


def make_world(seed: int, vocabulary: int = 120_000, people: int = 600) -> World:
    """The pseudo-words, people, organisations and places of corpus seed `seed`."""
    rng = random.Random(seed)
    words = pseudo_words(rng, vocabulary)
    countries = {name: index for index, (name, _) in enumerate(COUNTRIES)}
    persons: dict[str, Person] = {}
    while len(persons) < people:
        person = _person(rng, countries)
        persons.setdefault(person.name, person)
    kinds = ("Development Bank", "Institute", "Corporation", "Forum", "Economic Corridor",
             "Cooperation Council", "Group")  # fmt: skip
    named = zip(rng.sample(words[:5000], 300), itertools.cycle(kinds))
    made = [f"the {word.capitalize()} {kind}" for word, kind in named]
    organisations = [*made, "ASEAN", "the United Nations", "APEC", "the WTO",
                     "the Mekong-Lancang Cooperation"]  # fmt: skip
    towns = [word.capitalize() for word in rng.sample(words[:20000], 400)]
    return World(
        words=tuple(words),
        cumulative=zipf_cumulative(len(words), 1.0),
        people=tuple(persons.values()),
        organisations=tuple(organisations),
        places=CITIES + tuple(towns),
    )

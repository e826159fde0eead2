export interface TopicDefinition {
  name: string;
  /** RSS/Atom category names that put an item in this topic (case- and diacritics-insensitive). */
  categories: string[];
  /** Whole words, `prefix*` words or phrases found in the title or summary. */
  keywords: string[];
  /** Words, prefixes or phrases that keep an article out of the topic even when its keywords or categories match. */
  exclude?: string[];
}

/** The topics a catalog gets when it lists none of its own: English, Russian, Ukrainian and Azerbaijani. */
export const BUILTIN_TOPICS: TopicDefinition[] = [
  {
    name: "Politics",
    categories: ["Politics", "Политика", "Політика", "Siyasət", "Siyaset"],
    keywords: [
      "election*", "parliament*", "president*", "government*", "minister*", "senate", "congress*", "referendum*", "lawmaker*",
      "парламент*", "президент*", "правительств*", "министр*", "депутат*", "выборы", "выборах", "выборов", "госдум*",
      "уряд*", "міністр*", "вибори", "виборах", "виборів", "верховна рада", "верховної ради",
      "seçki*", "parlament*", "prezident*", "hökumət*", "nazir*", "milli məclis*",
    ],
    // Presidents, elections and congresses of clubs, sports bodies, academies, schools and churches are not politics.
    exclude: [
      "football", "club", "captain", "squad", "FIFA", "UEFA", "chess", "Fide", "Royal Society", "academy of sciences", "student*", "school*", "church*", "mathematicians",
      "футбол*", "клуб*", "капитан*", "шахмат*", "академи*", "студент*", "школьн*", "гимнази*",
      "капітан*", "шахіст*", "академі*", "студентськ*", "шкільн*", "олімпіад*",
      "futbol*", "kapitan*", "klub*", "şahmat*", "AFFA", "AMEA", "tələbə*", "məktəb*",
    ],
  },
  {
    name: "Ukraine",
    categories: ["Ukraine", "Украина", "Україна", "Ukrayna"],
    keywords: ["Ukraine", "Ukrainian*", "Kyiv", "Kiev", "Zelensk*", "Україн*", "Украин*", "Ukrayn*", "Київ*", "Киев*", "Зеленськ*", "Зеленск*", "Donbas*", "Донбас*"],
    // The topic is the country; Ukrainian food, films, artists abroad and match results are not.
    exclude: [
      "festival", "recipe", "cuisine", "chicken Kiev", "actress", "singer", "tennis", "quarter-final*", "Wimbledon",
      "фестивал*", "рецепт*", "кухн*", "котлет*", "певиц*", "актрис*", "теннис*", "четвертьфинал*", "Уимблдон*",
      "кухар*", "теніс*", "чвертьфінал*", "співач*",
      "mətbəx*", "model", "moda",
    ],
  },
  {
    name: "World",
    categories: ["World", "World news", "International", "Мир", "В мире", "Світ", "У світі", "Dünya"],
    keywords: ["United Nations", "NATO", "НАТО", "ООН", "BMT", "G7", "G20", "summit*", "саммит*", "саміт*", "sammit*"],
  },
  {
    name: "Economy",
    categories: ["Economy", "Business", "Finance", "Markets", "Экономика", "Бизнес", "Финансы", "Економіка", "Бізнес", "Фінанси", "İqtisadiyyat", "Biznes", "Maliyyə"],
    keywords: [
      "econom*", "inflation", "GDP", "recession", "interest rate*", "central bank*", "stock market*", "tariff*",
      "экономик*", "инфляци*", "ВВП", "ключев* ставк*", "центробанк*", "економік*", "інфляці*", "нацбанк*",
      "iqtisadiyyat*", "inflyasiya*", "ÜDM", "mərkəzi bank*",
    ],
  },
  {
    name: "Climate",
    categories: ["Climate", "Climate crisis", "Environment", "Климат", "Экология", "Клімат", "Екологія", "İqlim", "Ekologiya"],
    keywords: ["climate", "global warming", "greenhouse gas*", "carbon emission*", "климат*", "клімат*", "iqlim*", "COP29", "COP30", "COP31"],
  },
  {
    name: "Technology",
    categories: ["Technology", "Tech", "Технологии", "Технології", "Texnologiya", "Texnologiyalar", "Hi-Tech"],
    keywords: [
      "artificial intelligence", "AI", "smartphone*", "software", "startup*", "cyberattack*", "chip*", "semiconductor*",
      "искусственн* интеллект*", "смартфон*", "нейросет*", "штучн* інтелект*", "нейромереж*", "süni intellekt*", "texnologiya*",
    ],
  },
  {
    name: "Science",
    categories: ["Science", "Наука", "Elm"],
    keywords: ["scientist*", "astronom*", "NASA", "physicist*", "telescope*", "ученые", "учёные", "астроном*", "телескоп*", "вчені", "науковц*", "alimlər*", "teleskop*"],
  },
  {
    name: "Health",
    categories: ["Health", "Medicine", "Здоровье", "Медицина", "Здоров'я", "Səhiyyə", "Sağlamlıq"],
    keywords: ["health", "vaccin*", "pandemic*", "hospital*", "cancer", "здоровь*", "вакцин*", "больниц*", "пандеми*", "лікарн*", "пандемі*", "səhiyyə*", "peyvənd*", "xəstəxana*", "pandemiya*"],
  },
  {
    name: "Sports",
    categories: [
      "Sport", "Sports", "Football", "Soccer", "Tennis", "Chess", "Basketball", "Boxing", "Formula 1", "Cricket", "Rugby", "Athletics",
      "Спорт", "Футбол", "Теннис", "Шахматы", "Хоккей", "Бокс", "Баскетбол",
      "Теніс", "Шахи", "Хокей", "Баскетбол",
      "İdman", "Futbol", "Tennis", "Şahmat", "Boks", "Güləş",
    ],
    keywords: [
      "football*", "soccer", "Olympic*", "championship*", "tennis", "basketball", "chess", "Premier League", "Champions League", "Wimbledon", "Roland Garros", "Grand Slam", "FIFA", "UEFA", "Fide", "tournament*",
      "футбол*", "олимпи*", "олімпі*", "чемпионат*", "чемпіонат*", "шахмат*", "шахіст*", "теннис*", "теніс*", "турнир*", "турнір*", "Лиг* чемпионов", "Лі* чемпіонів", "Уимблдон*", "Ролан Гаррос*",
      "futbol*", "olimpiya*", "çempionat*", "şahmat*", "turnir*", "Çempionlar Liqası*", "Premyer Liqa*", "AFFA",
    ],
  },
];

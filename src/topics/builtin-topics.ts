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
    categories: [
      "Politics", "UK Politics", "US Politics",
      "Политика", "Політика",
      "Siyasət", "Siyaset", "Daxili siyasət", "Xarici siyasət",
    ],
    keywords: [
      // English: offices, institutions, elections, parties, legislation and relations between states.
      "election*", "elector*", "parliament*", "president*", "government*", "minister", "ministers", "ministerial", "prime minister*",
      "cabinet", "senate", "senator*", "congress*", "referendum*", "lawmaker*", "legislat*", "MP", "MPs", "MSPs", "Commons",
      "House of Lords", "Holyrood", "Stormont", "Senedd", "Downing Street", "White House", "Kremlin", "opposition", "coalition*", "ballot*",
      "voters", "turnout", "Republican*", "Democrats", "secretary of state", "home secretary", "foreign secretary", "health secretary",
      "defence secretary", "defense secretary", "no-confidence", "impeach*", "politician*", "politically motivated", "political prisoner*",
      "political part*", "ceasefire", "truce", "peace talks", "peace deal", "peace treaty", "peace agreement", "peace plan", "sanctions",
      "ambassador", "ambassadors", "embassy", "diplomat*", "security guarantee*", "allies", "alliance", "G7", "G20",
      // Russian.
      "парламент*", "президент*", "правительств*", "министр", "министра", "министру", "министром", "министре", "министры", "министров",
      "министрам", "премьер министр*", "депутат*", "выборы", "выборах", "выборов", "выборам", "избирател*", "госдум*", "мосгордум*",
      "совет* федерации", "сенатор*", "законопроект*", "приня* закон*", "одобри* закон*", "подписал* закон*", "Кремл*", "оппозици*",
      "коалици*", "референдум*", "вотум* недовери*", "импичмент*", "иноагент*", "политзаключ*", "санкци*", "прекращени* огня", "перемири*",
      "мирн* договор*", "мирн* переговор*", "мирн* соглашени*", "посол", "посла", "послом", "посольств*", "дипломат*", "МИД",
      "гаранти* безопасности", "союзник*", "альянс*", "Сейм*", "Бундестаг*", "Кнессет*",
      // Ukrainian.
      "уряд*", "Кабмін*", "міністр", "міністра", "міністру", "міністром", "міністрі", "міністри", "міністрів", "прем'єр-міністр*", "вибори",
      "виборах", "виборів", "виборч*", "верховна рада", "верховної ради", "верховн* рад*", "народн* депутат*", "нардеп*", "законопроєкт*",
      "ухвали* закон*", "підписа* закон*", "опозиці*", "коаліці*", "санкці*", "припинен* вогню", "перемир*", "мирн* угод*",
      "МЗС", "гаранті* безпеки",
      // Azerbaijani.
      "seçki*", "parlament*", "prezident*", "hökumət*", "nazir", "naziri", "nazirin", "nazirinin", "nazirini", "nazirə", "nazirdən",
      "nazirlər*", "baş nazir*", "milli məclis*", "deputat*", "müxalifət*", "koalisiya*", "qanun layihə*", "qanun qəbul*", "sərəncam*",
      "fərman*", "icra hakimiyyət*", "icra başçı*", "sanksiya*", "atəşkəs*", "sülh saziş*", "sülh danışıq*", "sülh müqavilə*", "səfir*",
      "XİN", "alyans*",
    ],
    // Presidents, elections and congresses of clubs, sports bodies, companies, academies, schools, churches and diasporas are not politics.
    exclude: [
      "football*", "club", "captain", "squad", "brand ambassador*", "FIFA", "UEFA", "chess", "Fide", "Royal Society", "academy of sciences",
      "student*", "school*", "church*", "religions", "interfaith", "mathematicians", "diaspora", "carmaker*", "chief executive*", "CEO",
      "shareholder*",
      "футбол*", "клуб*", "капитан*", "шахмат*", "академи*", "студент*", "школьн*", "гимнази*", "банкир*", "акционер*", "диаспор*",
      "капітан*", "шахіст*", "академі*", "студентськ*", "шкільн*", "олімпіад*", "діаспор*", "акціонер*",
      "futbol*", "kapitan*", "klub*", "şahmat*", "AFFA", "AMEA", "tələbə*", "məktəb*", "diaspor*",
    ],
  },
  {
    name: "Ukraine",
    categories: ["Ukraine", "Украина", "Україна", "Ukrayna", "Війна", "Война", "Война в Украине", "Russia-Ukraine war", "War in Ukraine"],
    keywords: [
      "Ukraine", "Ukrainian*", "Kyiv", "Kiev", "Zelensk*", "Donbas*", "Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Odesa",
      "Russian strike*", "Russian drone*", "Russian missile*", "Russian attack*", "Russian invasion", "full-scale invasion",
      "Black Sea corridor", "sanctions on Russia", "sanctions against Russia",
      "Україн*", "Зеленськ*", "Донбас*", "Донецьк*", "Луганськ*", "Харків*", "Запоріж*", "ЗАЕС", "ЗСУ", "СБУ", "ГУР", "НБУ", "МОЗ",
      "Кабмін*", "Мінцифр*", "Міноборони", "Укренерго", "Нафтогаз*", "Укрзалізниц*", "Енергоатом*", "народн* депутат*", "нардеп*",
      "обстріл*", "окупант*", "окупован*", "окупаці*", "мобілізац*", "воєнн* стан*", "полону", "полоні", "полонених", "військовополонен*",
      "російськ* атак*", "російськ* удар*", "росія атакувала", "балістичн* ракет*", "крилат* ракет*", "шахед*", "повітрян* тривог*",
      "російськ* хакер*", "агресі* росі*", "російськ* агресі*", "ракетн* удар*", "ракетн* атак*", "Чорноморськ* коридор*", "курс* гривн*",
      "санкці* проти росі*", "Украин*", "Киев*", "Зеленск*", "Донецк*", "Луганск*", "Харьков*", "Запорож*", "ЗАЭС", "ВСУ", "Одесс*",
      "обстрел*", "СВО", "спецоперац*", "мобилизац*", "военн* положени*", "оккупирован*", "санкци* против росси*",
      "Ukrayn*", "Kiyev*", "Zelenski*", "Xarkov*", "Odessa*", "Zaporojye*", "Rusiyaya qarşı sanksiya*",
    ],
    // The topic is the country; Ukrainian food, films, artists, athletes, scientists, diaspora bodies and the weather are not.
    exclude: [
      "festival", "recipe", "cuisine", "chicken Kiev", "actress", "singer", "born", "tennis", "quarter-final*", "Wimbledon", "chess",
      "grandmaster*", "Euro 20*", "national team", "diaspora", "film", "films", "Oscar*", "weather forecast*",
      "фестивал*", "рецепт*", "кухн*", "котлет*", "певиц*", "актрис*", "теннис*", "четвертьфинал*", "Уимблдон*", "уроженк*", "уроженц*",
      "уроженец", "футбол*", "шахмат*", "сборн*", "диаспор*", "учены*", "учёны*", "фильм*", "Оскар*", "прогноз* погод*", "кухар*", "теніс*",
      "чвертьфінал*", "співач*", "уродженк*", "уродженц*", "уродженець", "шахіст*", "збірна", "збірної", "збірну", "збірній", "збірною",
      "Євро 20*", "діаспор*", "академі*", "вчені", "науковц*", "програмуван*", "фільм*", "синоптик*",
      "mətbəx*", "model", "moda", "kotlet*", "hava proqnoz*", "millisi", "milli komanda*", "futbol*", "şahmat*",
    ],
  },
  {
    name: "World",
    categories: [
      "World", "World news", "International", "Asia", "Africa", "Middle East", "Latin America", "Asia Pacific",
      "Мир", "В мире", "Світ", "У світі",
      "Dünya", "Xarici siyasət",
    ],
    keywords: [
      "United Nations", "UN Security Council", "UN General Assembly", "UN peacekeep*", "NATO", "G7", "G20", "BRICS", "European Union",
      "European Commission", "EU", "IAEA", "World Health Organization", "World Health Organisation", "COP2*", "COP3*", "ceasefire", "truce",
      "peace talks", "peace deal", "peace treaty", "peace agreement", "sanctions", "ambassador", "ambassadors", "embassy", "embassies",
      "diplomat*", "foreign minister*", "security guarantee*", "aid to Ukraine", "military aid", "Gaza", "hostage*", "earthquake*",
      "tsunami*", "famine*", "military coup", "coup attempt", "attempted coup",
      "ООН", "НАТО", "ВОЗ", "МАГАТЕ", "ЕС", "Евросоюз*", "Еврокомисси*", "прекращени* огня", "перемири*", "мирн* договор*",
      "мирн* переговор*", "мирн* соглашени*", "санкци*", "посол", "посла", "послом", "посольств*", "дипломат*", "МИД",
      "министр* иностранных дел", "гаранти* безопасности", "помощ* Украин*", "военн* помощ*", "сектор* Газ*", "президент* США",
      "Госсекретар*", "заложник*", "землетрясени*", "цунами", "беженц*", "ВООЗ", "ЄС", "Євросоюз*", "Єврокоміс*", "припинен* вогню",
      "перемир*", "мирн* угод*", "МЗС", "міністр* закордонних справ", "гаранті* безпеки", "допомог* Україні",
      "військов* допомог*", "Білий дім", "Білого дому", "держсекретар*", "заручник*", "землетрус*", "цунамі", "біженц*",
      "BMT", "MAQATE", "Avropa İttifaqı", "atəşkəs*", "sülh saziş*", "sülh danışıq*", "sülh müqavilə*", "səfir*", "xarici işlər nazir*",
      "Ukraynaya yardım*", "hərbi yardım*", "Qəzza*", "Ağ Ev*", "ABŞ prezident*", "sanksiya*", "zəlzələ*", "sunami", "qaçqın*",
    ],
    // Studies of foreign or global phenomena, festivals and diaspora bodies are not international affairs.
    exclude: [
      "study finds", "researchers", "festival", "diaspora", "brand ambassador*",
      "исследовател*", "учены*", "учёны*", "фестивал*", "диаспор*", "дослідник*", "вчені", "науковц*", "діаспор*",
      "alimlər*", "tədqiqatçı*", "festival*", "diaspor*", "köçkün*",
    ],
  },
  {
    name: "Economy",
    categories: [
      "Economy", "Business", "Finance", "Markets",
      "Экономика", "Бизнес", "Финансы", "Економіка", "Бізнес", "Фінанси",
      "İqtisadiyyat", "Biznes", "Maliyyə", "Aqrar", "Energetika",
    ],
    keywords: [
      "econom*", "inflation", "GDP", "recession", "interest rate*", "central bank*", "stock market*", "tariff*", "investment*", "investor*",
      "funding round*", "revenue*", "profit", "profits", "export*", "imports", "importer*", "prices", "Brent", "crude", "oil price*",
      "share price*", "stocks", "budget deficit", "Bank of England", "Federal Reserve", "ECB", "unemployment", "mortgage*", "tax", "taxes",
      "wheat", "crops", "start-up*", "startup*",
      "экономик*", "инфляци*", "ВВП", "ключев* ставк*", "центробанк*", "ЦБ", "Банк России", "нацбанк*", "учетн* ставк*", "экспорт*",
      "импорт*", "инвестиц*", "налог*", "бюджет*", "кредит*", "цены", "цен", "ценам", "ценах", "нефть", "нефти", "рубль", "курс* рубл*",
      "доллар", "курс* доллар*", "выручк*", "прибыль", "чист* прибыл*", "акци* компани*", "урожа*", "ипотек*", "стартап*", "тариф*",
      "безработиц*", "Росстат*", "економік*", "інфляці*", "обліков* ставк*", "експорт*", "імпорт*", "інвестиці*", "податк*",
      "ціни", "цін", "нафта", "нафти", "гривня", "курс* гривн*", "долар", "курс* долар*", "прибуток", "прибутку", "прибутки",
      "виручк*", "врожа*", "безробітт*", "Держстат*",
      "iqtisadiyyat*", "inflyasiya*", "ÜDM", "mərkəzi bank*", "uçot dərəcə*", "ixrac*", "idxal*", "investisiya*", "vergi*", "büdcə*",
      "kredit*", "qiymətlər*", "qiyməti", "neftin*", "manatın", "məzənnə*", "mənfəət*", "məhsul yığım*", "startap*", "tarif*", "işsizlik*",
    ],
    // Defence-spending targets of alliances and non-profit groups are not the economy.
    exclude: ["NATO", "НАТО", "non-profit*", "not-for-profit"],
  },
  {
    name: "Climate",
    categories: ["Climate", "Climate crisis", "Environment", "Климат", "Экология", "Клімат", "Екологія", "Довкілля", "İqlim", "Ekologiya"],
    keywords: [
      "climate", "global warming", "greenhouse gas*", "carbon emission*", "emissions", "net zero", "fossil fuel*", "deforestation",
      "pollution", "polluted", "sewage", "oil spill*", "oil slick*", "plastic waste", "sea ice", "glacier*", "ozone", "biodiversity",
      "endangered", "wildlife", "coral reef*", "coal power", "renewable*",
      "климат*", "выброс* CO2", "выбросы", "парников*", "глобальн* потеплени*", "ледник*", "вырубк* лес*", "загрязнени*", "экосистем*",
      "коралл*", "мазут*", "разлив* нефт*", "исчезающ*", "возобновляем*", "клімат*", "викид*", "глобальн* потеплінн*",
      "льодовик*", "вирубк*", "рубк*", "забрудненн*", "екосистем*", "корал*", "довкілл*",
      "iqlim*", "qlobal istiləşmə", "emissiya*", "buzlaq*", "çirklənmə*", "tullantı*", "ekosistem*", "nəsli kəsilmək",
      "bərpa olunan enerji", "COP29", "COP30", "COP31",
    ],
    // "Business climate", "political climate" and air-conditioning "climate equipment" are not the climate.
    exclude: [
      "business climate", "investment climate", "political climate",
      "инвестиционн* климат*", "делов* климат*", "политическ* климат*", "климатическ* техник*", "бізнес клімат*", "інвестиційн* клімат*",
      "політичн* клімат*", "кліматичн* техні*",
      "biznes iqlim*", "investisiya iqlim*", "siyasi iqlim*",
    ],
  },
  {
    name: "Technology",
    categories: ["Technology", "Tech", "Технологии", "Технології", "Texnologiya", "Texnologiyalar", "Hi-Tech", "İKT", "IT"],
    keywords: [
      "artificial intelligence", "AI", "smartphone*", "iPhone*", "Android", "software", "startup*", "start-up*", "cyber*", "malware",
      "ransomware", "hacker*", "chip", "chips", "chipmaker*", "microchip*", "semiconductor*", "quantum comput*", "data centre*",
      "data center*", "programming", "5G", "SpaceX", "Starship", "OpenAI", "ChatGPT", "Nvidia",
      "искусственн* интеллект*", "смартфон*", "нейросет*", "хакер*", "кибер*", "вирус шифровальщик*", "программн* обеспечени*",
      "программировани*", "квантов* компьютер*", "кубит*", "стартап*", "чип*", "штучн* інтелект*", "нейромереж*", "кібер*",
      "вірус вимагач*", "програмуванн*", "мовн* модел*",
      "süni intellekt*", "texnologiya*", "smartfon*", "kiber*", "kompüter virus*", "proqramlaşdırma*", "startap*", "çip*", "peyk*",
      "kvant prosessor*",
    ],
    // Fish and chips, potato chips and the artist Ai Weiwei are not technology.
    exclude: ["fish and chips", "potato chips", "Ai Weiwei", "чипс*"],
  },
  {
    name: "Science",
    categories: ["Science", "Наука", "Elm"],
    keywords: [
      "scientist*", "astronomer*", "astronomy", "NASA", "physicist*", "telescope*", "researchers", "study", "palaeontolog*", "paleontolog*",
      "archaeolog*", "fossils", "fossilised", "fossilized", "astronaut*", "spacecraft", "Mars rover*", "Martian", "exoplanet*", "quantum",
      "SpaceX", "Starship",
      "ученые", "учёные", "астроном", "астрономы", "астрономов", "астрономия", "астрономии", "телескоп*", "исследовател*", "палеонтолог*",
      "археолог*", "космонавт*", "астронавт*", "МКС", "марсоход*", "экзопланет*", "физик*", "квантов*", "вчені", "науковц*", "фізик*",
      "астрономів", "астрономія", "астрономії", "дослідник*", "марсохід*",
      "alimlər*", "teleskop*", "tədqiqatçı*", "arxeoloq*", "paleontoloq*", "kosmonavt*", "astronavt*", "marsoxod*", "peyk*", "kvant*",
    ],
    // Exam results, "political scientists" and "astronomical" prices are not science.
    exclude: [
      "political scientist*", "security researchers", "exam", "exams",
      "ЕГЭ", "ОГЭ", "экзамен*", "НМТ", "ЗНО", "іспит*",
      "imtahan*",
    ],
  },
  {
    name: "Health",
    categories: ["Health", "Medicine", "Здоровье", "Медицина", "Здоров'я", "Səhiyyə", "Sağlamlıq"],
    keywords: [
      "health", "vaccin*", "pandemic*", "hospital*", "cancer", "disease*", "measles", "flu", "influenza", "covid*", "coronavirus", "mpox",
      "cholera", "dementia", "diabetes", "obesity", "NHS", "GPs", "patients", "doctors", "nurses", "norovirus", "heart attack*",
      "здоровь*", "вакцин*", "больниц*", "пандеми*", "заболеваем*", "заболевани*", "болезн*", "грипп*", "корь", "кори", "корью", "ковид*",
      "коронавирус*", "врач*", "медик*", "пациент*", "лекарств*", "Минздрав*", "Роспотребнадзор*", "онколог*", "диабет*", "инфаркт*",
      "инсульт*", "деменци*", "ожирени*", "прививк*", "смертност*", "лікарн*", "пандемі*", "захворюван*", "хвороб*", "грип*",
      "коронавірус*", "лікар*", "ліки", "ліків", "пацієнт*", "МОЗ", "щеплен*", "вакцинац*", "смертніст*", "деменці*", "діабет*",
      "інфаркт*", "інсульт*", "сепсис*",
      "səhiyyə*", "peyvənd*", "xəstəxana*", "pandemiya*", "xəstəlik*", "qrip*", "qızılca*", "həkim*", "xərçəng*", "onkoloq*", "onkoloji*",
      "dərman*", "tibbi*", "yoluxma*",
    ],
    // Horoscopes, hospital TV dramas, computer viruses and accidents with injured taken to hospital are not health news.
    exclude: [
      "horoscope*", "drama", "dramas", "computer virus*", "malware", "ransomware",
      "гороскоп*", "компьютерн* вирус*", "шифровальщик*", "ДТП", "комп'ютерн* вірус*", "вимагач*",
      "bürc*", "kompüter virus*", "qəza*",
    ],
  },
  {
    name: "Sports",
    categories: [
      "Sport", "Sports", "Football", "Soccer", "Tennis", "Chess", "Basketball", "Boxing", "Formula 1", "Cricket", "Rugby", "Athletics",
      "Спорт", "Футбол", "Теннис", "Шахматы", "Хоккей", "Бокс", "Баскетбол", "Теніс", "Шахи", "Хокей",
      "İdman", "Futbol", "Şahmat", "Boks", "Güləş",
    ],
    keywords: [
      "football*", "soccer", "Olympics", "Olympic Games", "Olympic champion*", "Olympic medal*", "Olympic gold", "Olympic team",
      "Olympic programme", "Olympic Committee", "Paralympic*", "championship*", "tennis", "basketball", "chess", "Premier League",
      "Champions League", "Wimbledon", "Roland Garros", "Grand Slam", "FIFA", "UEFA", "Fide", "tournament*", "World Cup", "Formula One",
      "Grand Prix", "cricket", "rugby", "boxing", "athletics", "midfielder*", "goalkeeper*", "grandmaster*", "Six Nations", "Ashes series",
      "Ashes Test*", "NBA", "NFL", "NHL", "Formula 1", "F1", "Super Bowl", "Tour de France", "Ryder Cup", "FA Cup", "La Liga", "Bundesliga",
      "Serie A", "golf", "snooker", "Olympian*",
      "футбол*", "олимпиад*", "олимпийск* игр*", "олимпийск* чемпион*", "олимпийск* сборн*", "олимпийск* комитет*", "МОК", "олімпіад*",
      "олімпійськ* ігр*", "олімпійськ* чемпіон*", "олімпійськ* збірн*", "олімпійськ* комітет*", "чемпионат*", "чемпіонат*", "шахмат*",
      "шахіст*", "теннис*", "теніс*", "турнир*", "турнір*", "Лиг* чемпионов", "Лі* чемпіонів", "Уимблдон*", "Ролан Гаррос*", "хоккей*",
      "хокей*", "баскетбол*", "волейбол*", "боксер*", "боксёр*", "футболист*", "футболіст*", "спортсмен*", "матч*", "РПЛ", "КХЛ", "НХЛ",
      "НБА", "вратар*", "полузащитник*", "тренер*", "кубок*", "кубк*", "УПЛ", "воротар*", "півзахисник*", "нападник*", "збірна", "збірної",
      "збірну", "збірній", "збірною",
      "futbol*", "olimpiya oyun*", "olimpiya çempion*", "olimpiya komitə*", "çempionat*", "şahmat*", "turnir*", "Çempionlar Liqası*",
      "Premyer Liqa*", "AFFA", "idmançı*", "güləş*", "cüdo*", "voleybol*", "basketbol*", "məşqçi*", "qapıçı*", "hücumçu*", "millisi",
    ],
    // An Olympic pool as a measure, tennis elbow, school olympiads and stadiums named after the Olympics are not sport.
    exclude: [
      "Olympic pool*", "Olympic size*", "Olympic sized", "tennis elbow", "Boxing Day", "researchers", "study finds",
      "исследовател*", "дослідник*", "науковц*",
      "alimlər*", "tədqiqatçı*",
      "олимпиад* по", "олімпіад* з математик*", "олімпіад* з фізик*", "олімпіад* з хімі*", "олімпіад* з інформатик*",
      "олімпіад* з біологі*", "школяр*", "школьник*",
      "fənn olimpiada*",
    ],
  },
];

export interface TopicDefinition {
  name: string;
  /** RSS/Atom category names that put an item in this topic (case- and diacritics-insensitive). */
  categories: string[];
  /** Whole words, `prefix*` words or phrases found in the title or summary. */
  keywords: string[];
  /** Words, prefixes or phrases that keep an article out of the topic even when its keywords or categories match. */
  exclude?: string[];
}

/**
 * Other countries, their capitals, people and leaders, as the readers of each language see "abroad": for English the
 * UK and the US are home, for Russian Russia, for Ukrainian Ukraine, for Azerbaijani Azerbaijan. Found together with
 * a sign of politics, they make a story World (a keyword "a|b & c|d" needs one of each part).
 */
const ABROAD = [
  "France", "French", "Macron", "Paris", "Germany", "German", "Berlin", "Merz", "Scholz", "Dutch", "Netherlands", "Belgium", "Spain",
  "Spanish", "Italy", "Italian", "Meloni", "Poland", "Polish", "Tusk", "Warsaw", "Hungary", "Hungarian", "Orban", "Orbán", "Romania*",
  "Moldova*", "Georgia's", "Georgian", "Tbilisi", "Armenia*", "Pashinyan", "Azerbaijan*", "Aliyev", "Baku", "Turkey", "Turkish",
  "Erdogan", "Erdoğan", "Ankara", "Israel*", "Netanyahu", "Iran*", "Tehran", "Syria*", "Lebanon", "Iraq*", "Saudi", "Egypt*", "China",
  "Chinese", "Beijing", "Xi Jinping", "Japan*", "Tokyo", "Korea*", "India*", "Modi", "Pakistan*", "Afghan*", "Taliban", "Brazil*",
  "Lula", "Argentin*", "Mexico", "Mexican", "Venezuela*", "Canada", "Canadian", "Australia*", "Russia", "Russian", "Moscow", "Kremlin",
  "Putin", "Belarus*", "Lukashenko", "Serbia*", "Kosovo", "Greece", "Greek", "Portugal", "Austria*", "Sweden", "Swedish", "Finland",
  "Finnish", "Norway", "Denmark", "Danish", "Ireland", "Irish", "Czech", "Slovakia*", "Bulgaria*", "Kazakhstan", "Uzbekistan",
  "Africa*", "Nigeria*", "Kenya*", "Ethiopia*", "Sudan*", "Congo",
  "Франци*", "Макрон*", "Париж*", "Германи*", "Берлин*", "Мерц*", "Шольц*", "Нидерланд*", "Испани*", "Итали*", "Мелони", "Польш*",
  "Польск*", "Туск*", "Варшав*", "Венгри*", "Орбан*", "Румыни*", "Молдави*", "Молдов*", "Грузи*", "Тбилиси", "Армени*", "Пашинян*",
  "Азербайджан*", "Алиев*", "Баку", "Турци*", "Турецк*", "Эрдоган*", "Анкар*", "Израил*", "Нетаньяху", "Иран*", "Тегеран*", "Сири*",
  "Ливан*", "Ирак*", "Египет*", "Китай*", "Китая", "Пекин*", "Си Цзиньпин*", "Япони*", "Токио", "Коре*", "Инди*", "Пакистан*",
  "Афганистан*", "Талибан*", "Бразили*", "Аргентин*", "Мексик*", "Венесуэл*", "Канад*", "Австрали*", "США", "Вашингтон*", "Трамп*",
  "Байден*", "Великобритани*", "Лондон*", "Британи*", "Британск*", "Стармер*", "Белорус*", "Беларус*", "Лукашенк*", "Сербия", "Сербии",
  "Казахстан*", "Узбекистан*", "Финлянди*", "Швеци*", "Эстони*", "Латви*", "Литв*",
  "Франці*", "Німеччин*", "Берлін*", "Нідерланд*", "Іспані*", "Італі*", "Польщ*", "Угорщин*", "Орбан*", "Румуні*", "Молдов*", "Грузі*",
  "Вірмені*", "Азербайджан*", "Туреччин*", "Ердоган*", "Ізраїл*", "Іран*", "Сирі*", "Китай*", "Китаю", "Пекін*", "Японі*", "Корея",
  "Кореї", "Інді*", "Бразилі*", "Канад*", "Австралі*", "Вашингтон*", "Трамп*", "Британі*", "Лондон*", "Білорус*", "Лукашенк*", "Росі*",
  "Москв*", "Кремл*", "Путін*", "Фінлянді*", "Швеці*", "Естоні*", "Латві*", "Литв*", "Словаччин*", "Фіцо", "Чехі*",
  "Fransa*", "Makron*", "Almaniya*", "Berlin*", "Niderland*", "İspaniya*", "İtaliya*", "Polşa*", "Macarıstan*", "Orban*", "Rumıniya*",
  "Moldova*", "Gürcüstan*", "Tbilisi*", "Ermənistan*", "Paşinyan*", "Türkiyə*", "Ərdoğan*", "Ankara*", "İsrail*", "Netanyahu*",
  "İran*", "Tehran*", "Suriya*", "Livan*", "İraq*", "Misir*", "Çin*", "Pekin*", "Yaponiya*", "Koreya*", "Hindistan*", "Pakistan*",
  "Əfqanıstan*", "Braziliya*", "Argentina*", "Meksika*", "Kanada*", "Avstraliya*", "ABŞ", "ABŞ-da", "ABŞ-ın", "Vaşinqton*", "Tramp*",
  "Bayden*", "Böyük Britaniya*", "London*", "Rusiya*", "Moskva*", "Kreml*", "Putin*", "Belarus*", "Lukaşenko*", "Qazaxıstan*",
  "Özbəkistan*", "Finlandiya*", "İsveç*",
];

/** Signs of politics that make a story about another country World. */
const POLITICAL_SIGNS = [
  "election*", "parliament*", "prime minister*", "president", "government*", "coalition*", "cabinet", "opposition", "treason",
  "court jail*", "jailed", "protest*", "talks", "phone call", "summit*", "vote", "referendum*", "foreign agent*", "minister", "ministers",
  "выбор*", "парламент*", "премьер*", "президент*", "правительств*", "коалици*", "кабинет*", "оппозици*", "госизмен*", "протест*",
  "переговор*", "по телефону", "телефонн* разговор*", "саммит*", "референдум*", "министр*", "визит*", "встреч*", "отставк*",
  "вибор*", "парламент*", "прем'єр*", "президент*", "уряд*", "коаліці*", "опозиці*", "держзрад*", "протест*", "переговор*",
  "телефонн* розмов*", "саміт*", "референдум*", "міністр*", "візит*", "зустріч*", "відставк*",
  "seçki*", "parlament*", "baş nazir*", "prezident*", "hökumət*", "koalisiya*", "müxalifət*", "etiraz*", "danışıq*", "telefon danışığı",
  "sammit*", "referendum*", "nazir*", "səfər*", "görüş*", "istefa*",
];

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
      "climate talks", "climate summit*", "climate deal", "climate finance", "climate pledge*", "emissions target*", "COP2*", "COP3*",
      "state budget", "federal budget", "next year's budget", "budget deficit", "spending review", "austerity", "tax cut*", "tax rise*",
      "tax hike*", "tax increase*", "tariffs on", "tariff on", "counter-tariff*", "levies on", "trade war*", "European Commission",
      "Brussels", "protesters", "anti-government", "Department of Health", "Department for Education", "Home Office", "Treasury",
      "chancellor", "mayor", "council tax",
      // Russian.
      "парламент*", "президент*", "правительств*", "министр", "министра", "министру", "министром", "министре", "министры", "министров",
      "министрам", "премьер министр*", "депутат*", "выборы", "выборах", "выборов", "выборам", "избирател*", "госдум*", "мосгордум*",
      "совет* федерации", "сенатор*", "законопроект*", "приня* закон*", "одобри* закон*", "подписал* закон*", "Кремл*", "оппозици*",
      "коалици*", "референдум*", "вотум* недовери*", "импичмент*", "иноагент*", "политзаключ*", "санкци*", "прекращени* огня", "перемири*",
      "мирн* договор*", "мирн* переговор*", "мирн* соглашени*", "посол", "посла", "послом", "посольств*", "дипломат*", "МИД",
      "гаранти* безопасности", "союзник*", "альянс*", "Сейм*", "Бундестаг*", "Кнессет*", "пошлин*", "госбюджет*", "федеральн* бюджет*",
      "бюджет* на 20*", "климатическ* саммит*", "климатическ* конференц*", "COP2*", "Еврокомисси*", "мэр*",
      "митинг*", "протестующ*", "акци* протеста", "Собянин*",
      // Ukrainian.
      "уряд*", "Кабмін*", "міністр", "міністра", "міністру", "міністром", "міністрі", "міністри", "міністрів", "прем'єр-міністр*", "вибори",
      "виборах", "виборів", "виборч*", "верховна рада", "верховної ради", "верховн* рад*", "народн* депутат*", "нардеп*", "законопроєкт*",
      "ухвали* закон*", "підписа* закон*", "опозиці*", "коаліці*", "санкці*", "припинен* вогню", "перемир*", "мирн* угод*",
      "МЗС", "гаранті* безпеки", "мита", "мито", "держбюджет*", "бюджет* на 20*", "кліматичн* саміт*", "кліматичн* конференц*",
      "Єврокоміс*", "мер", "мера", "мером", "голов* ОВА", "голов* ОДА", "голов* МВА", "очільник* ОВА", "мітинг*", "протестувальник*",
      "Рада ухвал*", "Рада прийня*", "Рада провал*", "уряд* ухвал*", "уряд* призначи*", "уряд* розшири*", "уряд* запрова*",
      // Azerbaijani.
      "seçki*", "parlament*", "prezident*", "hökumət*", "nazir", "naziri", "nazirin", "nazirinin", "nazirini", "nazirə", "nazirdən",
      "nazirlər*", "baş nazir*", "milli məclis*", "deputat*", "müxalifət*", "koalisiya*", "qanun layihə*", "qanun qəbul*", "sərəncam*",
      "fərman*", "icra hakimiyyət*", "icra başçı*", "sanksiya*", "atəşkəs*", "sülh saziş*", "sülh danışıq*", "sülh müqavilə*", "səfir*",
      "XİN", "alyans*", "dövlət büdcə*", "büdcə* layihə*", "rüsum* tətbiq*", "iqlim sammit*", "iqlim konfrans*", "iqlim öhdəlik*", "COP2*",
      "Avropa Komissiya*", "Nümayəndələr Palata*", "spiker*", "Konqres*", "etiraz aksiya*", "etirazçı*",
    ],
    // Presidents, elections and congresses of clubs, sports bodies, companies, academies, schools, churches and diasporas are not politics.
    exclude: [
      "football*", "club", "captain", "squad", "brand ambassador*", "FIFA", "UEFA", "chess", "Fide", "Royal Society", "academy of sciences",
      "student*", "school*", "church*", "religions", "interfaith", "mathematicians", "diaspora", "carmaker*", "chief executive*", "CEO",
      "shareholder*",
      "company president", "club president", "chairman of the board", "residents' association", "homeowners",
      "kitchen cabinet*", "birthday party", "party guests", "Christmas party", "ad campaign*", "marketing campaign*",
      "футбол*", "клуб*", "капитан*", "шахмат*", "академи*", "студент*", "школьн*", "гимнази*", "банкир*", "акционер*", "диаспор*",
      "ТСЖ", "ОСББ", "федераци* футбол*", "федераци* борьб*", "федераци* хокке*", "федераці*", "кухонн* шаф*", "кухонн* гарнитур*",
      "капітан*", "шахіст*", "академі*", "студентськ*", "шкільн*", "олімпіад*", "діаспор*", "акціонер*",
      "futbol*", "kapitan*", "klub*", "şahmat*", "AFFA", "AMEA", "tələbə*", "məktəb*", "diaspor*", "SOCAR", "Federasiyasının", "rəsədxana*",
      "MTK", "mənzil* kooperativ*",
    ],
  },
  {
    name: "Ukraine",
    categories: [
      "Ukraine", "Украина", "Україна", "Ukrayna", "Війна", "Война", "Война в Украине", "Russia-Ukraine war", "War in Ukraine",
      "Киев", "Київ", "Kyiv", "Регіони", "Регионы Украины", "Новини України", "Новости Украины", "Ukrayna xəbərləri",
    ],
    keywords: [
      // English: the country, its people, places, institutions, leaders, teams and athletes.
      "Ukraine", "Ukrainian*", "Ukraine's", "Kyiv*", "Kiev", "Kiev's", "Zelensk*", "Donbas*", "Donetsk", "Luhansk", "Kharkiv*", "Kharkov",
      "Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Odesa", "Odessa", "Dnipro*", "Dnepr", "Lviv", "Mykolaiv", "Mykolayiv", "Nikolaev",
      "Nikolayev", "Mariupol", "Kherson", "Sumy", "Poltava", "Chernihiv", "Cherkasy", "Vinnytsia", "Zhytomyr", "Rivne", "Lutsk",
      "Ternopil", "Uzhhorod", "Ivano-Frankivsk", "Khmelnytskyi", "Kropyvnytskyi", "Kryvyi Rih", "Bucha", "Irpin", "Bakhmut", "Avdiivka",
      "Pokrovsk", "Kramatorsk", "Sloviansk", "Kupiansk", "Izium", "Chornobyl", "Chernobyl", "Crimea*", "Sevastopol", "Carpathian*",
      "Verkhovna Rada", "Rada", "Naftogaz", "Ukrenergo", "Energoatom", "Ukrzaliznytsia", "PrivatBank", "Kyivstar", "SBU", "NABU",
      "hryvnia*", "Yermak", "Shmyhal", "Svyrydenko", "Sybiha", "Kuleba", "Syrskyi", "Zaluzhnyi", "Budanov", "Klitschko", "Usyk",
      "Svitolina", "Yastremska", "Kostyuk", "Mudryk", "Zinchenko", "Dovbyk", "Lunin", "Shakhtar", "Dynamo Kyiv", "Dynamo Kiev",
      "Russian strike*", "Russian drone*", "Russian missile*", "Russian attack*", "Russian shelling", "Russian invasion", "full-scale invasion",
      "Russian-occupied", "occupied territories", "Black Sea corridor", "sanctions on Russia", "sanctions against Russia",
      // Ukrainian.
      "Україн*", "Зеленськ*", "Київ*", "Києв*", "Харків*", "Одес*", "Дніпр*", "Львів*", "Запоріж*", "Миколаїв*", "Миколаєв*",
      "Херсон*", "Маріупол*", "Сумщин*", "Сумськ*", "Полтав*", "Чернігів*", "Чернігов*", "Черкас*", "Вінниц*", "Житомир*", "Рівненськ*",
      "Рівненщин*", "Луцьк*", "Волин*", "Тернопіл*", "Ужгород*", "Закарпат*", "Івано-Франківськ*", "Прикарпат*", "Хмельницьк*",
      "Кропивницьк*", "Кіровоград*", "Крив* Ріг", "Крив* Рог*", "Крив* Роз*", "Буч*", "Бучанськ*", "Ірпін*", "Бахмут*", "Авдіїв*",
      "Покровськ*", "Краматорськ*", "Слов'янськ*", "Куп'янськ*", "Ізюм*", "Чорнобил*", "Донбас*", "Донецьк*", "Донеччин*", "Луганськ*",
      "Луганщин*", "Крим", "Криму", "Кримськ*", "Севастопол*", "Карпат*", "Буковин*", "Чернівц*", "Поділл*", "Слобожанщин*",
      "Верховн* Рад*", "Кабмін*", "ЗСУ", "СБУ", "ГУР", "НБУ", "НАБУ", "МОЗ", "МОН", "ДСНС", "Нацполіц*", "Мінцифр*", "Міноборони",
      "Генштаб*", "Укренерго", "Нафтогаз*", "Укрзалізниц*", "Енергоатом*", "Укрпошт*", "Нова пошта", "Київстар*", "ПриватБанк*",
      "НМТ", "ЗНО", "ТЦК", "гривн*", "Єрмак*", "Шмигал*", "Свириденко", "Сибіг*", "Кулеб*", "Сирськ*", "Залужн*", "Буданов*", "Кличк*",
      "Усик*", "Світолін*", "Ястремськ*", "Костюк", "Мудрик*", "Зінченк*", "Довбик*", "Лунін*", "Ребров*", "Шевченк*", "Шахтар Донецьк",
      "Шахтар*", "Динамо Київ", "народн* депутат*", "нардеп*",
      "обстріл*", "окупант*", "окупован*", "окупаці*", "деокупац*", "мобілізац*", "воєнн* стан*", "полону", "полоні", "полонених",
      "військовополонен*", "російськ* атак*", "російськ* удар*", "росія атакувала", "балістичн* ракет*", "крилат* ракет*", "шахед*",
      "повітрян* тривог*", "російськ* хакер*", "агресі* росі*", "російськ* агресі*", "ракетн* удар*", "ракетн* атак*",
      "Чорноморськ* коридор*", "санкці* проти росі*", "знеструмлен*", "відключен* світла", "графік* відключен*", "ветеран* війни",
      "наш* захисник*", "українц*", "українськ*", "Вінниччин*", "Одещин*", "Черкащин*", "Житомирщин*", "Хмельниччин*", "Тернопільщин*",
      "Волинь", "Запоріз*", "Кіровоградщин*", "Закарпатт*", "Каховк*", "Рада ухвал*", "Рада прийня*", "Рада провал*", "Держмит*",
      "Держприкордонслужб*", "Укргідрометцентр*", "Суркіс*",
      // Russian.
      "Украин*", "Киев*", "Зеленск*", "Харьков*", "Одесс*", "Днепр*", "Львов*", "Запорож*", "Николаеве", "Николаевской", "Николаевскую",
      "Николаевщин*", "Херсон*", "Мариупол*", "Сумы", "Сумах", "Сумской", "Сумскую", "Сумщин*", "Полтав*", "Чернигов*", "Черкасс*",
      "Винниц*", "Житомир*", "Ровенск*", "Луцк*", "Тернопол*", "Ужгород*", "Закарпат*", "Ивано-Франковск*", "Хмельницк*",
      "Кропивницк*", "Крив* Рог*", "Крив* Роге", "Буче", "Бучи", "Бучу", "Ирпен*", "Бахмут*", "Артемовск*", "Авдеевк*",
      "Покровск*", "Краматорск*", "Славянск*", "Купянск*", "Чернобыл*", "Донбасс*", "Донецк*", "Луганск*", "ДНР", "ЛНР", "Крым*",
      "Севастопол*", "Верховн* Рад*", "ВСУ", "СБУ", "ГУР", "НБУ", "НАБУ", "ЗАЭС", "Нафтогаз*", "Укрэнерго", "Энергоатом*",
      "Укрзализныц*", "гривн*", "Ермак*", "Шмыгал*", "Сибиг*", "Сырск*", "Залужн*", "Буданов*", "Кличко", "Усик*", "Свитолин*",
      "Ястремск*", "Мудрик*", "Довбик*", "Шахтер Донецк*", "Динамо Киев*",
      "обстрел*", "СВО", "спецоперац*", "мобилизац*", "военн* положени*", "оккупирован*", "санкци* против росси*", "украинц*",
      // Azerbaijani.
      "Ukrayn*", "Kiyev*", "Zelenski*", "Xarkov*", "Odessa*", "Dnepr*", "Lvov*", "Zaporojye*", "Zaporijya*", "Nikolayev*", "Mariupol*",
      "Xerson*", "Sumı*", "Poltava*", "Çerniqov*", "Donbas*", "Donetsk*", "Luqansk*", "Krım*", "Sevastopol*", "Ali Rada*", "Yermak*",
      "Şmıhal*", "Sırski*", "Budanov*", "Kliçko*", "Usik*", "Svitolina*", "Mudrik*", "Şaxtyor*", "qrivna*", "Rusiyaya qarşı sanksiya*",
    ],
    // Chicken Kiev on a menu is a dish, not the country; a star merely born there is not about it either.
    exclude: [
      "chicken Kiev", "chicken Kyiv", "котлет* по киевск*", "котлет* по київськ*", "Kiyev kotlet*",
      "Ukrainian-born", "Kyiv-born", "Kharkiv-born", "Odesa-born", "Lviv-born", "of Ukrainian descent", "of Ukrainian origin",
      "уроженк*", "уроженц*", "уроженец", "родом из", "украинского происхождения", "уродженк*", "уродженц*", "уродженець",
      "українського походження", "родом з", "Ukraynada doğulmuş", "əslən",
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
      "tsunami*", "famine*", "military coup", "coup attempt", "attempted coup", together(ABROAD, POLITICAL_SIGNS),
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

/** A keyword whose parts count only together: one word or phrase of each list. */
function together(...parts: readonly (readonly string[])[]): string {
  return parts.map((alternatives) => alternatives.join("|")).join(" & ");
}

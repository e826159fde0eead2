/**
 * A month of news for the commands benchmark: headlines, summaries and categories in English, Russian, Ukrainian and
 * Azerbaijani, and the rules users follow, search and preview. Everything comes from seeded generators, so the same
 * seed gives the same text in every process and run.
 *
 * Unlike the ingest corpus (corpus.ts, about a hundred distinct words), the text is drawn from a few hundred words a
 * language with a long tail: each story has a theme (politics, Ukraine, the economy, sport…) whose words it mixes with
 * everyday words, places, people and organisations, each list drawn Zipf-like, so that a common word is in a few
 * percent of the articles and a town or a company in a few hundred of the month's 750,000, as in real feeds. Wire
 * copies repeat a recent headline with an agency's edits, and some stories are carried by several feeds.
 */

import { int, pick, seeded, type Rng } from "./corpus.js";

export type Language = "en" | "ru" | "uk" | "az";
export const LANGUAGES: readonly Language[] = ["en", "ru", "uk", "az"];

/** The built-in topics' names; a story's theme is one of them, or none. */
export type Theme = "Politics" | "Ukraine" | "World" | "Economy" | "Climate" | "Technology" | "Science" | "Health" | "Sports";

const THEME_SHARE: readonly [Theme | null, number][] = [
  ["Politics", 18], ["Ukraine", 10], ["World", 15], ["Economy", 12], ["Climate", 4], ["Technology", 7], ["Science", 4], ["Health", 6], ["Sports", 12], [null, 12],
];

const list = (text: string): string[] => text.split("|").map((s) => s.trim()).filter((s) => s !== "");

interface Bank {
  stop: string[];
  nouns: string[];
  verbs: string[];
  adjectives: string[];
  places: string[];
  people: string[];
  orgs: string[];
  themes: Record<Theme, string[]>;
  categories: Record<Theme | "general", string[]>;
  /** Names users follow that the month's news never mentions. */
  absent: string[];
  publishers: string[];
  sections: string[];
}

const BANKS: Record<Language, Bank> = {
  en: {
    stop: list("the|a|of|in|on|to|and|as|for|with|after|over|amid|against|from|before|at|by|says|said|could|will|more|than|its|their|this|that|is|are|was|has|have|been|new|not|into|about|up|out"),
    nouns: list(`plan|talks|officials|report|city|residents|week|record|deal|court|rules|police|storm|prices|families|school|border|protest|
      leaders|energy|water|crisis|year|data|workers|strike|airport|road|bridge|investigation|fire|flood|traffic|train|festival|museum|
      exhibition|film|music|concert|book|restaurant|food|housing|rent|teachers|students|university|market|shop|weather|heat|snow|metro|
      bus|station|port|farmers|wheat|grain|bank|pension|wages|homes|council|village|coast|river|island|mountain|forest|ferry|drivers|
      nurses|museum director|mayor|judge|jury|trial|sentence|prison|ban|fine|review|inquiry|warning|alert|shortage|delay|queue|visit`),
    verbs: list(`warns|agrees|rejects|backs|delays|opens|closes|wins|loses|faces|urges|launches|approves|blocks|announces|confirms|
      denies|plans|considers|signs|cuts|raises|hits|calls for|promises|seeks|halts|resumes|reveals|unveils|extends|scraps|doubles|
      expands|suspends|restores|marks|hosts|joins|leaves|returns to|prepares|probes|charges|clears`),
    adjectives: list("new|major|local|first|fresh|national|regional|big|key|final|emergency|historic|record|rare|early|late|second|last|top|former"),
    places: list(`London|Paris|Berlin|Warsaw|Washington|Brussels|Baku|Tbilisi|Madrid|Rome|Vienna|Prague|Tokyo|Beijing|Delhi|Ankara|
      Istanbul|Cairo|Manchester|Glasgow|Belfast|Cardiff|Dublin|Lisbon|Athens|Budapest|Bucharest|Vilnius|Riga|Tallinn|Helsinki|Oslo|
      Stockholm|Copenhagen|Amsterdam|Geneva|Zurich|Munich|Hamburg|Marseille|Lyon|Milan|Naples|Seoul|Sydney|Toronto|Chicago|Texas|
      California|Florida|Scotland|Wales|Gaza|Israel|Iran|Syria|Taiwan|Brazil|Mexico|Nigeria|Kenya|Sudan|Georgia|Armenia|Azerbaijan|Moldova`),
    people: list(`Starmer|Sunak|Macron|Scholz|Merz|Tusk|Meloni|Sanchez|Erdogan|Aliyev|Pashinyan|Biden|Harris|Trump|Vance|Modi|Lula|
      Guterres|Rutte|von der Leyen|Lagarde|Reeves|Badenoch|Farage|Sturgeon|Swinney|Orban|Fico|Putin|Lavrov|Netanyahu|Xi|Kishida|
      Albanese|Trudeau|Carney|Musk|Bezos|Altman|Zuckerberg|Nadal|Djokovic|Alcaraz|Sinner|Swiatek|Gauff|Haaland|Salah|Kane|Bellingham`),
    orgs: list(`Tesla|Apple|Google|Microsoft|Amazon|Nvidia|Airbus|Boeing|Shell|BP|Siemens|Volkswagen|Spotify|Maersk|Barclays|HSBC|
      Unilever|Nestle|SpaceX|OpenAI|Meta|Samsung|Toyota|Ryanair|easyJet|Network Rail|Thames Water|Royal Mail|European Commission|
      World Bank|IMF|Red Cross|UEFA|FIFA|BBC|NHS England|Bank of England|Federal Reserve|European Central Bank|Supreme Court`),
    themes: {
      Politics: list(`parliament|election|elections|vote|voters|government|minister|prime minister|president|senate|opposition|
        coalition|cabinet|referendum|campaign|lawmakers|MPs|ballot|Downing Street|White House|Kremlin|Commons|chancellor|bill|polls|
        party leader|home secretary|foreign secretary|by-election|peace talks|sanctions|ambassador|diplomats|tax cuts|state budget`),
      Ukraine: list(`Ukraine|Ukrainian|Ukrainians|Kyiv|Kharkiv|Odesa|Lviv|Dnipro|Zelensky|Verkhovna Rada|Donbas|Zaporizhzhia|
        Mykolaiv|Kherson|Mariupol|Sumy|Chernihiv|Poltava|Ukraine's|Crimea|Donetsk|Luhansk|Kyiv metro|Ukrainian forces|Naftogaz|
        Shakhtar Donetsk|Dynamo Kyiv|Ukrzaliznytsia`),
      World: list(`UN|NATO|summit|diplomats|embassy|sanctions|ceasefire|refugees|China|India|Middle East|G7|G20|United Nations|
        security council|foreign ministers|envoy|humanitarian aid|peacekeepers|border crossing|migrants|asylum seekers|hostages`),
      Economy: list(`inflation|economy|recession|GDP|tariffs|central bank|interest rates|markets|stocks|jobs|unemployment|budget|
        tax|exports|shares|investors|profits|growth|oil price|pound|dollar|euro|bond yields|mortgage rates|retail sales|trade deficit`),
      Climate: list(`climate|emissions|carbon|drought|wildfire|wildfires|heatwave|renewable|solar|wind farm|glacier|net zero|
        flooding|climate change|global warming|sea levels|COP30|green energy|coal plant`),
      Technology: list(`AI|artificial intelligence|startup|smartphone|chips|software|app|cyberattack|data centre|robot|
        electric car|semiconductor|chatbot|social media|hackers|broadband|5G|quantum computer|algorithm`),
      Science: list(`scientists|telescope|NASA|study|researchers|space|discovery|fossil|genome|physics|astronomers|asteroid|
        Mars|moon mission|dinosaur|experiment|particle|species|archaeologists`),
      Health: list(`hospital|vaccine|cancer|doctors|patients|virus|outbreak|health service|drug|surgery|NHS|nurses strike|
        dementia|obesity|measles|flu|mental health|waiting lists|GP|antibiotics`),
      Sports: list(`football|Olympic|championship|tennis|match|cup final|coach|striker|league|tournament|Premier League|
        Champions League|World Cup|Wimbledon|goalkeeper|manager|transfer|Formula One|marathon|boxing|cricket|rugby|Euro 2028`),
    },
    categories: {
      Politics: list("Politics|UK politics|US politics"),
      Ukraine: list("Ukraine|Europe|World news"),
      World: list("World news|World|Europe|Asia Pacific|Middle East and north Africa|Africa|US news"),
      Economy: list("Business|Economics|Economy|Markets"),
      Climate: list("Climate crisis|Environment"),
      Technology: list("Technology|Tech"),
      Science: list("Science|Space"),
      Health: list("Health|Society"),
      Sports: list("Sport|Football|Tennis"),
      general: list("UK news|Culture|Lifestyle|Opinion|Travel|Education"),
    },
    absent: list("Ulaanbaatar|Tegucigalpa|Vanuatu|Greenpeace Nordic|Ferrero|Atalanta|Bhutan|Reykjanes|Svalbard|Zanzibar"),
    publishers: list("BBC News|The Guardian|Reuters|AP News|Sky News|Al Jazeera English|DW|France 24|Politico Europe|Euronews|The Independent|Kyiv Independent"),
    sections: list("World|Politics|Business|Technology|Science|Health|Sport|Europe|UK|Culture"),
  },
  ru: {
    stop: list("в|на|и|с|по|для|о|из-за|после|против|перед|около|более|ещё|не|что|как|его|их|это|уже|также|за|к|до|от|при|во|со"),
    nouns: list(`план|переговоры|власти|доклад|город|жители|неделя|рекорд|сделка|суд|правила|полиция|шторм|цены|семьи|школа|граница|
      протест|лидеры|энергия|вода|кризис|год|данные|рабочие|забастовка|аэропорт|дорога|мост|пожар|наводнение|пробки|поезд|фестиваль|
      музей|выставка|фильм|концерт|книга|жильё|аренда|учителя|студенты|университет|рынок|магазин|погода|жара|снег|метро|автобус|вокзал|
      порт|фермеры|пшеница|зерно|банк|пенсии|зарплаты|дома|село|побережье|река|остров|лес|водители|врачи|приговор|колония|запрет|штраф|
      проверка|расследование|предупреждение|дефицит|задержка|очередь|визит|ДТП|авария`),
    verbs: list(`заявил|предупредил|договорились|отклонил|поддержал|отложил|открыл|закрыл|выиграл|проиграл|призвал|запустил|одобрил|
      заблокировал|объявил|подтвердил|опроверг|планирует|подписал|снизил|повысил|приостановил|возобновил|раскрыл|представил|продлил|
      отменил|удвоил|расширил|восстановил|отметил|принял|покинул|вернулся|готовит|проверяет|обвинил|задержал`),
    adjectives: list("новый|крупный|местный|первый|национальный|региональный|главный|экстренный|исторический|рекордный|редкий|ранний|поздний|второй|последний|бывший"),
    places: list(`Москва|Москве|Москвы|Петербург|Петербурге|Казань|Казани|Новосибирск|Екатеринбург|Минск|Минске|Тбилиси|Баку|Ереван|
      Алматы|Астана|Ташкент|Бишкек|Берлин|Берлине|Париж|Париже|Лондон|Лондоне|Вашингтон|Пекин|Пекине|Варшава|Варшаве|Рига|Вильнюс|
      Таллин|Стамбул|Анкара|Израиль|Иран|Сирия|Газа|Грузия|Армения|Азербайджан|Молдавия|Белоруссия|Казахстан|Дагестан|Чечня|Крым|
      Сочи|Самара|Калининград|Владивосток|Красноярск|Белгород|Курск|Ростов`),
    people: list(`Путин|Мишустин|Лавров|Песков|Собянин|Набиуллина|Лукашенко|Токаев|Алиев|Пашинян|Макрон|Шольц|Трамп|Байден|Эрдоган|
      Нетаньяху|Си Цзиньпин|Захарова|Шойгу|Белоусов|Медведев|Володин|Матвиенко|Кадыров|Навальный|Пригожин|Маск|Овечкин`),
    orgs: list(`Газпром|Роснефть|Сбербанк|Яндекс|Аэрофлот|РЖД|ЦБ|Минфин|Росстат|ФНС|Росгвардия|ФСБ|СК|Мосгорсуд|ВТБ|Лукойл|
      Норникель|Ozon|Wildberries|Авито|Росатом|Ростех|Роскомнадзор|ЕС|Еврокомиссия|МВФ|Красный Крест|УЕФА|ФИФА`),
    themes: {
      Politics: list(`парламент|выборы|выборах|президент|правительство|министр|премьер-министр|депутаты|Госдума|оппозиция|партия|
        коалиция|референдум|закон|законопроект|Кремль|губернатор|мэр|санкции|посол|дипломаты|МИД|переговоры о мире|вотум недоверия|
        избиратели|госбюджет|Совет Федерации`),
      Ukraine: list(`Украина|Украины|Украине|Украину|Киев|Киеве|Киева|Харьков|Харькове|Одесса|Одессе|Львов|Днепр|Зеленский|
        Зеленского|Верховная Рада|Донбасс|Запорожье|Николаев|Херсон|Мариуполь|Сумы|Чернигов|Полтава|украинский|украинские|ВСУ|Донецк|Луганск`),
      World: list(`ООН|НАТО|саммит|дипломаты|посольство|санкции|перемирие|беженцы|Китай|Индия|Ближний Восток|G20|Совбез ООН|
        гуманитарная помощь|мигранты|заложники|спецпосланник|генсек ООН`),
      Economy: list(`инфляция|экономика|ВВП|рецессия|центробанк|ключевая ставка|рубль|нефть|бюджет|налоги|экспорт|биржа|акции|
        инвесторы|прибыль|курс доллара|ипотека|цены на бензин|безработица|импорт|пошлины`),
      Climate: list(`климат|выбросы|засуха|лесные пожары|аномальная жара|ледник|солнечная энергия|изменение климата|глобальное потепление|наводнения`),
      Technology: list(`смартфон|нейросеть|искусственный интеллект|стартап|чипы|кибератака|приложение|хакеры|соцсети|Telegram|
        мессенджер|VPN|блокировка|серверы|робот|электромобиль`),
      Science: list(`учёные|телескоп|исследование|космос|открытие|физики|геном|астрономы|астероид|Марс|Луна|археологи|эксперимент|Роскосмос`),
      Health: list(`вакцина|больница|пандемия|врачи|пациенты|вирус|рак|лекарство|Минздрав|грипп|корь|операция|поликлиника|диабет`),
      Sports: list(`футбол|чемпионат|олимпиада|матч|тренер|теннис|хоккей|сборная|КХЛ|Спартак|Зенит|ЦСКА|Локомотив|финал кубка|
        нападающий|вратарь|трансфер|бокс|биатлон|фигурное катание`),
    },
    categories: {
      Politics: list("Политика|Власть"),
      Ukraine: list("Война|В мире|Украина"),
      World: list("В мире|Мир|Международная политика"),
      Economy: list("Экономика|Бизнес|Финансы"),
      Climate: list("Экология|Общество"),
      Technology: list("Технологии|Интернет"),
      Science: list("Наука|Космос"),
      Health: list("Здоровье|Общество"),
      Sports: list("Спорт|Футбол|Хоккей"),
      general: list("Новости|Общество|Культура|Происшествия|Город"),
    },
    absent: list("Улан-Батор|Гондурас|Вануату|Исландия-банк|Ферреро|Аталанта|Бутан|Шпицберген|Занзибар|Кабо-Верде"),
    publishers: list("Meduza|Новая газета Европа|РБК|Коммерсантъ|Интерфакс|ТАСС|Известия|Ведомости|Фонтанка|Би-би-си"),
    sections: list("Главное|Политика|Экономика|Мир|Общество|Технологии|Наука|Спорт|Культура|Регионы"),
  },
  uk: {
    stop: list("у|в|на|і|й|з|для|про|через|після|проти|перед|біля|більше|ще|не|що|як|його|їх|це|вже|також|за|до|від|при|та"),
    nouns: list(`план|переговори|влада|звіт|місто|мешканці|тиждень|рекорд|угода|суд|правила|поліція|шторм|ціни|родини|школа|кордон|
      протест|лідери|енергія|вода|криза|рік|дані|працівники|страйк|аеропорт|дорога|міст|пожежа|повінь|затори|потяг|фестиваль|музей|
      виставка|фільм|концерт|книга|житло|оренда|вчителі|студенти|університет|ринок|магазин|погода|спека|сніг|метро|автобус|вокзал|
      порт|фермери|пшениця|зерно|банк|пенсії|зарплати|будинки|село|узбережжя|річка|острів|ліс|водії|лікарі|вирок|заборона|штраф|
      перевірка|розслідування|попередження|дефіцит|затримка|черга|візит|ДТП|ґрунт|їжа|укриття|світло|відключення`),
    verbs: list(`заявив|попередив|домовилися|відхилив|підтримав|відклав|відкрив|закрив|виграв|програв|закликав|запустив|схвалив|
      заблокував|оголосив|підтвердив|спростував|планує|підписав|знизив|підвищив|призупинив|відновив|розкрив|представив|продовжив|
      скасував|подвоїв|розширив|відзначив|ухвалив|залишив|повернувся|готує|перевіряє|звинуватив|затримав`),
    adjectives: list("новий|великий|місцевий|перший|національний|регіональний|головний|екстрений|історичний|рекордний|рідкісний|ранній|пізній|другий|останній|колишній"),
    places: list(`Варшава|Варшаві|Берлін|Берліні|Париж|Парижі|Лондон|Лондоні|Вашингтон|Брюссель|Брюсселі|Вільнюс|Рига|Кишинів|Тбілісі|
      Баку|Вінниця|Вінниці|Житомир|Черкаси|Черкасах|Ужгород|Ужгороді|Івано-Франківськ|Тернопіль|Рівне|Луцьк|Чернівці|Хмельницький|
      Кропивницький|Біла Церква|Кривий Ріг|Умань|Ізмаїл|Буча|Ірпінь|Гостомель|Бровари|Павлоград|Краматорськ|Слов'янськ|Покровськ|
      Куп'янськ|Ізюм|Нікополь|Енергодар|Молдова|Польща|Польщі|Румунія|Угорщина|Словаччина|Грузія|Туреччина|Ізраїль`),
    people: list(`Шмигаль|Свириденко|Єрмак|Кулеба|Сибіга|Кличко|Залужний|Сирський|Буданов|Стефанчук|Умєров|Федоров|Малюк|Лубінець|
      Порошенко|Тимошенко|Садовий|Терехов|Філатов|Макрон|Туск|Шольц|Трамп|Байден|Путін|Ердоган|Усик|Світоліна|Ястремська|Мудрик|Шевченко|Ребров`),
    orgs: list(`Нафтогаз|Укрзалізниця|Укренерго|ПриватБанк|Монобанк|Енергоатом|ДТЕК|Нова пошта|Київстар|Укрпошта|НАБУ|САП|СБУ|ДБР|
      НБУ|Мінфін|Мінцифри|Міноборони|МВФ|ЄС|Єврокомісія|Червоний Хрест|УЄФА|ФІФА|Дія|Prozorro|ЗСУ|ДСНС`),
    themes: {
      Politics: list(`парламент|вибори|виборах|президент|уряд|міністр|прем'єр-міністр|депутати|опозиція|партія|коаліція|
        референдум|закон|законопроєкт|Кабмін|нардепи|санкції|посол|дипломати|МЗС|мирні переговори|держбюджет|Верховна Рада|мер|голова ОВА`),
      Ukraine: list(`Україна|України|Україні|Україну|Київ|Києві|Києва|Харків|Харкові|Одеса|Одесі|Львів|Львові|Дніпро|Зеленський|
        Зеленського|Донбас|Запоріжжя|Миколаїв|Миколаєві|Херсон|Маріуполь|Суми|Чернігів|Полтава|українці|українських|ЗСУ|Донеччина|Харківщина|Крим`),
      World: list(`ООН|НАТО|саміт|дипломати|посольство|санкції|перемир'я|біженці|Китай|Індія|Близький Схід|G7|Рада безпеки ООН|
        гуманітарна допомога|мігранти|заручники|спецпосланець|генсек ООН`),
      Economy: list(`інфляція|економіка|ВВП|рецесія|Нацбанк|облікова ставка|гривня|бюджет|податки|експорт|зерно|біржа|акції|
        інвестори|прибуток|курс долара|іпотека|ціни на пальне|безробіття|імпорт|мита`),
      Climate: list(`клімат|викиди|посуха|лісові пожежі|аномальна спека|льодовик|сонячна енергія|зміна клімату|глобальне потепління|повені`),
      Technology: list(`смартфон|нейромережа|штучний інтелект|стартап|чипи|кібератака|застосунок|хакери|соцмережі|дрони|
        Starlink|роботи|електромобіль|IT-компанії`),
      Science: list(`вчені|науковці|телескоп|дослідження|космос|відкриття|фізики|астрономи|астероїд|Марс|Місяць|археологи|експеримент|НАН`),
      Health: list(`вакцина|лікарня|пандемія|лікарі|пацієнти|вірус|рак|ліки|МОЗ|грип|кір|операція|поліклініка|діабет`),
      Sports: list(`футбол|чемпіонат|олімпіада|матч|тренер|теніс|збірна|Динамо|Шахтар|УПЛ|фінал кубка|нападник|воротар|
        трансфер|бокс|біатлон|Паралімпіада|легка атлетика`),
    },
    categories: {
      Politics: list("Політика|Влада"),
      Ukraine: list("Війна|Новини України|Регіони"),
      World: list("Світ|Міжнародна політика"),
      Economy: list("Економіка|Бізнес|Фінанси"),
      Climate: list("Екологія|Суспільство"),
      Technology: list("Технології|IT"),
      Science: list("Наука|Космос"),
      Health: list("Здоров'я|Суспільство"),
      Sports: list("Спорт|Футбол"),
      general: list("Новини|Суспільство|Культура|Події|Київ"),
    },
    absent: list("Улан-Батор|Гондурас|Вануату|Ісландія-банк|Ферреро|Аталанта|Бутан|Шпіцберген|Занзібар|Кабо-Верде"),
    publishers: list("Українська правда|Суспільне|Укрінформ|Економічна правда|НВ|ЛІГА.net|Дзеркало тижня|Громадське|Новинарня|Бабель"),
    sections: list("Головне|Політика|Економіка|Світ|Суспільство|Технології|Наука|Спорт|Культура|Регіони"),
  },
  az: {
    stop: list("və|ilə|üçün|bu|daha|sonra|qarşı|ki|da|də|bir|olan|olub|edib|isə|hələ|artıq|həm|görə|barədə"),
    nouns: list(`plan|danışıqlar|rəsmilər|hesabat|şəhər|sakinlər|həftə|rekord|saziş|məhkəmə|qaydalar|polis|fırtına|qiymətlər|ailələr|
      məktəb|sərhəd|etiraz|liderlər|enerji|su|böhran|il|məlumat|işçilər|yol|körpü|yanğın|daşqın|qatar|festival|muzey|sərgi|film|
      konsert|kitab|mənzil|müəllimlər|tələbələr|universitet|bazar|hava|metro|avtobus|vağzal|liman|fermerlər|buğda|taxıl|bank|pensiya|
      maaş|evlər|kənd|sahil|çay|ada|meşə|sürücülər|hökm|qadağa|cərimə|yoxlama|araşdırma|xəbərdarlıq|növbə|səfər|qəza`),
    verbs: list(`bildirib|xəbərdarlıq edib|razılaşıb|rədd edib|dəstəkləyib|təxirə salıb|açıb|bağlayıb|qalib gəlib|uduzub|çağırıb|
      başladıb|təsdiqləyib|elan edib|imzalayıb|azaldıb|artırıb|dayandırıb|bərpa edib|açıqlayıb|təqdim edib|uzadıb|ləğv edib|genişləndirib|
      qeyd edib|qəbul edib|tərk edib|qayıdıb|hazırlayır|yoxlayır|ittiham edib|saxlayıb`),
    adjectives: list("yeni|böyük|yerli|ilk|milli|regional|əsas|təcili|tarixi|rekord|nadir|erkən|gec|ikinci|sonuncu|keçmiş"),
    places: list(`Bakı|Bakıda|Bakının|Gəncə|Gəncədə|Sumqayıt|Şuşa|Şuşada|Lənkəran|Naxçıvan|Şəki|Quba|Ağdam|Füzuli|Xankəndi|Laçın|
      Kəlbəcər|Zəngilan|Qəbələ|Mingəçevir|Şirvan|Tbilisi|Ankara|İstanbul|Tehran|Moskva|Astana|Daşkənd|Brüssel|Paris|Berlin|London|
      Vaşinqton|Gürcüstan|Türkiyə|Türkiyədə|İran|Ermənistan|Rusiya|Qazaxıstan|Özbəkistan`),
    people: list(`Əliyev|Bayramov|Mustafayev|Asadov|Hacıyev|Novruzov|Həsənov|Ərdoğan|Paşinyan|Putin|Tokayev|Mirziyoyev|Makron|Tramp|
      Bayden|Ramazanov|Məmmədyarov|Qurbanlı|Qarayev`),
    orgs: list(`SOCAR|AZAL|ADY|Kapital Bank|Azercell|Bakcell|BP|Azərişıq|Azərsu|Mərkəzi Bank|Milli Məclis|DİN|DTX|Prezident Administrasiyası|
      AFFA|BMT|Aİ|Avropa Komissiyası|Dünya Bankı|BVF|Qırmızı Xaç|UEFA|FIFA|ASAN xidmət`),
    themes: {
      Politics: list(`parlament|Milli Məclis|seçki|seçkilər|prezident|hökumət|nazir|baş nazir|deputatlar|müxalifət|partiya|qanun|
        qanun layihəsi|sərəncam|fərman|icra başçısı|səfir|diplomatlar|XİN|sülh danışıqları|sülh sazişi|dövlət büdcəsi|sanksiyalar`),
      Ukraine: list(`Ukrayna|Ukraynada|Ukraynanın|Kiyev|Kiyevdə|Xarkov|Odessa|Zelenski|Zelenskinin|Ukrayna ordusu|Donbas|Krım`),
      World: list(`BMT|NATO|sammit|diplomatlar|səfirlik|sanksiyalar|atəşkəs|qaçqınlar|Türkiyə|Gürcüstan|İran|Rusiya|Yaxın Şərq|
        humanitar yardım|miqrantlar|girovlar|xüsusi nümayəndə`),
      Economy: list(`inflyasiya|iqtisadiyyat|ÜDM|Mərkəzi Bank|uçot dərəcəsi|manat|neft|qaz|büdcə|vergi|ixrac|birja|səhmlər|
        investorlar|mənfəət|dollar məzənnəsi|ipoteka|benzin qiyməti|işsizlik|idxal`),
      Climate: list(`iqlim|COP29|emissiyalar|quraqlıq|istilik|bərpa olunan enerji|günəş enerjisi|iqlim dəyişikliyi|qlobal istiləşmə|meşə yanğınları`),
      Technology: list(`texnologiya|smartfon|süni intellekt|startap|kiberhücum|tətbiq|hakerlər|sosial şəbəkələr|robot|elektromobil|5G`),
      Science: list(`alimlər|teleskop|tədqiqat|kosmos|kəşf|astronomlar|asteroid|Mars|Ay|arxeoloqlar|eksperiment|AMEA`),
      Health: list(`peyvənd|xəstəxana|pandemiya|həkimlər|xəstələr|virus|xərçəng|dərman|Səhiyyə Nazirliyi|qrip|qızılca|əməliyyat|poliklinika`),
      Sports: list(`futbol|çempionat|olimpiya|oyun|məşqçi|Qarabağ|Neftçi|Sabah|milli komanda|Premyer Liqa|hücumçu|qapıçı|
        transfer|boks|güləş|cüdo|şahmat|Formula 1`),
    },
    categories: {
      Politics: list("Siyasət|Daxili siyasət|Xarici siyasət"),
      Ukraine: list("Dünya|Ukrayna xəbərləri"),
      World: list("Dünya|Region"),
      Economy: list("İqtisadiyyat|Biznes|Maliyyə"),
      Climate: list("Ekologiya|Cəmiyyət"),
      Technology: list("Texnologiya|İKT"),
      Science: list("Elm|Təhsil"),
      Health: list("Səhiyyə|Cəmiyyət"),
      Sports: list("İdman|Futbol"),
      general: list("Xəbərlər|Cəmiyyət|Mədəniyyət|Hadisə|Bakı"),
    },
    absent: list("Ulan-Bator|Honduras|Vanuatu|Ferrero|Atalanta|Butan|Şpitsbergen|Zanzibar|Kabo-Verde|Tegusiqalpa"),
    publishers: list("APA|Report.az|Trend|Azertac|Oxu.az|Qafqazinfo|Musavat|Yeni Sabah|Modern.az|Azadlıq Radiosu"),
    sections: list("Əsas|Siyasət|İqtisadiyyat|Dünya|Cəmiyyət|Texnologiya|Elm|İdman|Mədəniyyət|Region"),
  },
};

/**
 * The long tail of names: towns and surnames made of a language's roots, joints and endings (Ashingford, Коваленко,
 * Соколовск, Həsənkənd), about two thousand a language, so that most names are in a few dozen articles a month.
 */
const TAIL_PARTS: Record<Language, { roots: string[]; joints: string[]; towns: string[]; surnames: string[] }> = {
  en: {
    roots: list("Ash|Brad|Carl|Dun|Ell|Fair|Gold|Hart|King|Lang|Mar|Nor|Oak|Pem|Red|Sand|Thorn|Wel|York|Bel|Cran|Hol|Mil|Staf"),
    joints: list("|ing|el|or|an|is|er|ow"),
    towns: list("ton|ford|bridge|field|worth|ham|by|mouth"),
    surnames: list("son|ley|wood|man|well|ridge"),
  },
  ru: {
    roots: list("Кузнец|Петр|Сидор|Мороз|Волк|Сокол|Лебед|Козл|Новик|Фёдор|Павл|Семён|Егор|Зайц|Белк|Орл|Голуб|Медвед|Жук|Гром|Берёз|Ершь|Ключ|Щерб"),
    joints: list("|ан|ен|ор|ушк|ищ|ён|ат"),
    towns: list("ск|ово|ино|град|поль|ец|ка|ье"),
    surnames: list("ов|ев|ин|ский|ёв|цын"),
  },
  uk: {
    roots: list("Коваль|Петр|Шевч|Бонд|Ткач|Кравч|Олійн|Мельн|Лис|Гонч|Савч|Руд|Марч|Бойч|Павл|Дорош|Кушн|Яковл|Гриц|Ярош|Їжак|Йосип|Ґудз|Єрем"),
    joints: list("|ан|ен|ор|ушк|ищ|ів|ат"),
    towns: list("івка|ове|ине|івці|ичі|ів|поль|ки"),
    surnames: list("енко|ук|юк|ишин|ський|ій"),
  },
  az: {
    roots: list("Məmməd|Əli|Həsən|Hüseyn|Quli|Rza|Cəfər|Abbas|Kərim|Rəhim|Nəsib|Süleyman|Bağır|Mirzə|Vəli|Fərzi|Şahin|Tağı|İsmayıl|Sadıq|Ağa|Qəmbər|Şirin|Çələbi"),
    joints: list("|ər|al|ün|iş|ay|əm|ov"),
    towns: list("kənd|abad|li|çay|dağ|qala|bulaq|düz"),
    surnames: list("ov|ova|li|zadə|yev|lı"),
  },
};

function tailNames(language: Language): { towns: string[]; surnames: string[] } {
  const { roots, joints, towns, surnames } = TAIL_PARTS[language];
  const combine = (endings: string[]) => roots.flatMap((root) => joints.flatMap((joint) => endings.map((end) => `${root}${joint}${end}`)));
  return { towns: [...new Set(combine(towns))], surnames: [...new Set(combine(surnames))] };
}

const TAILS: Record<Language, { towns: string[]; surnames: string[] }> = {
  en: tailNames("en"),
  ru: tailNames("ru"),
  uk: tailNames("uk"),
  az: tailNames("az"),
};

// ---------------------------------------------------------------------------------------------------------------------
// Random numbers: the ingest corpus's seeded generators, and lists drawn Zipf-like
// ---------------------------------------------------------------------------------------------------------------------

export { int, pick, seeded, type Rng };

const zipfTables = new WeakMap<readonly string[], Float64Array>();

/** An entry of the list, the first ones more often than the last (weight 1 / (rank + 2)). */
export function zipf(rng: Rng, items: readonly string[]): string {
  let cumulative = zipfTables.get(items);
  if (!cumulative) {
    cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) cumulative[i] = sum += 1 / (i + 3);
    zipfTables.set(items, cumulative);
  }
  const target = rng() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return items[lo]!;
}

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let target = rng() * total;
  for (const [value, w] of entries) if ((target -= w) < 0) return value;
  return entries.at(-1)![0];
}

// ---------------------------------------------------------------------------------------------------------------------
// Feeds and articles
// ---------------------------------------------------------------------------------------------------------------------

export interface NewsFeed {
  index: number;
  language: Language;
  url: string;
  name: string;
  /** The theme a section feed is about; such a feed carries the topic in the catalog, like BBC's section feeds. */
  section: Theme | null;
  /** Whether its items carry categories. */
  categorised: boolean;
}

/** Feed `index`'s language: 40% English, 25% Ukrainian, 20% Russian, 15% Azerbaijani. */
function feedLanguage(index: number): Language {
  const slot = index % 20;
  return slot < 8 ? "en" : slot < 13 ? "uk" : slot < 17 ? "ru" : "az";
}

export function newsFeed(index: number): NewsFeed {
  const rng = seeded(0x5eed_f00d, index);
  const language = feedLanguage(index);
  const bank = BANKS[language];
  const publisher = bank.publishers[index % bank.publishers.length]!;
  const section = rng() < 0.12 ? pick(rng, THEME_SHARE.map(([t]) => t).filter((t): t is Theme => t !== null)) : null;
  const host = publisher.toLowerCase().replace(/[^a-z0-9]+/g, "") || `news${index % 50}`;
  return {
    index,
    language,
    url: `https://${host}.example/rss/${index}.xml`,
    name: `${publisher} — ${pick(rng, bank.sections)} ${index}`,
    section,
    categorised: rng() < 0.7,
  };
}

export interface NewsArticle {
  title: string;
  summary: string;
  categories: string[];
  theme: Theme | null;
}

/** Writes the articles of one language, keeping its recent headlines for wire copies. */
export class NewsWriter {
  private readonly recent: string[] = [];

  constructor(
    private readonly rng: Rng,
    readonly language: Language,
  ) {}

  article(feed: NewsFeed): NewsArticle {
    const rng = this.rng;
    const bank = BANKS[this.language];
    const theme = feed.section ?? weighted(rng, THEME_SHARE);
    const title = this.recent.length > 20 && rng() < 0.08 ? wireCopy(rng, pick(rng, this.recent)) : this.headline(theme);
    if (this.recent.length >= 200) this.recent.splice(0, 100);
    this.recent.push(title);
    const summary = Array.from({ length: int(rng, 1, 2) }, () => this.sentence(theme)).join(" ");
    const categories: string[] = [];
    if (feed.categorised) {
      const own = bank.categories[theme ?? "general"];
      if (rng() < 0.85) categories.push(pick(rng, own));
      if (rng() < 0.3) categories.push(pick(rng, bank.categories.general));
    }
    return { title, summary, categories: [...new Set(categories)], theme };
  }

  /** A place: one of the well-known ones, or a town of the long tail. */
  private place(): string {
    return this.rng() < 0.6 ? zipf(this.rng, BANKS[this.language].places) : pick(this.rng, TAILS[this.language].towns);
  }

  /** A person: a public figure, or a surname of the long tail. */
  private person(): string {
    return this.rng() < 0.6 ? zipf(this.rng, BANKS[this.language].people) : pick(this.rng, TAILS[this.language].surnames);
  }

  private headline(theme: Theme | null): string {
    const rng = this.rng;
    const bank = BANKS[this.language];
    const themed = () => (theme ? zipf(rng, bank.themes[theme]) : zipf(rng, bank.nouns));
    const subject = weighted<() => string>(rng, [
      [() => this.person(), 2],
      [() => zipf(rng, bank.orgs), 1],
      [() => this.place(), 1.5],
      [themed, 5],
      [() => `${pick(rng, bank.adjectives)} ${zipf(rng, bank.nouns)}`, 3],
    ])();
    const parts = [subject, zipf(rng, bank.verbs)];
    const length = int(rng, 2, 6);
    for (let i = 0; i < length; i++) {
      parts.push(
        weighted<() => string>(rng, [
          [themed, 3],
          [() => zipf(rng, bank.nouns), 4],
          [() => zipf(rng, bank.stop), 3],
          [() => this.place(), 0.4],
          [() => String(int(rng, 2, 90) * (rng() < 0.3 ? 1000 : 1)), 0.5],
        ])(),
      );
    }
    if (rng() < 0.2) parts.push(zipf(rng, bank.stop), this.place());
    const text = capitalise(parts.join(" "));
    return rng() < 0.08 ? `${this.place()}: ${text}` : text;
  }

  private sentence(theme: Theme | null): string {
    const rng = this.rng;
    const bank = BANKS[this.language];
    const words: string[] = [];
    const length = int(rng, 10, 20);
    for (let i = 0; i < length; i++) {
      words.push(
        weighted<() => string>(rng, [
          [() => zipf(rng, bank.stop), 6],
          [() => zipf(rng, bank.nouns), 5],
          [() => zipf(rng, bank.verbs), 2],
          [() => pick(rng, bank.adjectives), 1.5],
          [() => (theme ? zipf(rng, bank.themes[theme]) : zipf(rng, bank.nouns)), 2],
          [() => this.place(), 0.15],
          [() => this.person(), 0.12],
          [() => zipf(rng, bank.orgs), 0.1],
        ])(),
      );
    }
    return `${capitalise(words.join(" "))}.`;
  }
}

/** A wire copy of a headline: an agency's tag, a word changed, or the headline as it was. */
function wireCopy(rng: Rng, headline: string): string {
  switch (int(rng, 0, 3)) {
    case 0:
      return `UPDATE ${int(rng, 1, 3)}-${headline}`;
    case 1:
      return `${headline} - ${pick(rng, ["Reuters", "AP", "AFP", "Interfax"])}`;
    case 2:
      return headline.replace(/\s+\S+$/, "");
    default:
      return headline;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------------
// Rules users write
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A rule as a user of that language writes it: mostly a name (a place, a person, a company, often a little-known
 * one), sometimes two as alternatives, a name with a word, a prefix of a name, a phrase, a common word of a theme
 * alone, a category, or a theme's word with an exclusion; one in ten names something the month's news never mentions.
 * Most match a few dozen to a few thousand of the month's articles; the theme words and categories tens of thousands.
 */
export function userRule(rng: Rng, language: Language): string {
  const bank = BANKS[language];
  const tail = TAILS[language];
  const known = () => zipf(rng, weighted(rng, [[bank.places, 3], [bank.people, 3], [bank.orgs, 2]] as const));
  const name = () => (rng() < 0.6 ? pick(rng, rng() < 0.5 ? tail.towns : tail.surnames) : known());
  const themeWords = () => bank.themes[pick(rng, THEME_SHARE.map(([t]) => t).filter((t): t is Theme => t !== null))];
  const quoted = (text: string) => (/\s/.test(text) ? `"${text}"` : text);
  switch (weighted(rng, [["name", 32], ["either", 12], ["both", 12], ["prefix", 8], ["phrase", 6], ["theme", 5], ["category", 2], ["except", 5], ["absent", 10]] as const)) {
    case "name":
      return quoted(name());
    case "either":
      return `${quoted(name())} OR ${quoted(name())}`;
    case "both":
      return `${quoted(name())} ${quoted(zipf(rng, bank.nouns))}`;
    case "prefix": {
      // The stem of a name, as users write it to catch its other forms (Zelensk*, Харків*).
      const word = [name(), name(), name()].flatMap((n) => n.split(/\s/)).find((w) => w.length >= 6) ?? "Kharkiv";
      return `${word.slice(0, Math.max(5, word.length - 2))}*`;
    }
    case "phrase": {
      const multi = [...bank.orgs, ...bank.people, ...Object.values(bank.themes).flat()].filter((t) => /\s/.test(t));
      return `"${pick(rng, multi)}"`;
    }
    case "theme":
      return quoted(zipf(rng, themeWords()));
    case "category":
      return `category:${quoted(pick(rng, Object.values(bank.categories).flat()))}`;
    case "except":
      return `${quoted(zipf(rng, themeWords()))} -${quoted(name())}`;
    case "absent":
      return quoted(pick(rng, bank.absent));
  }
}

/**
 * Other countries, their capitals, people and leaders, as the readers of each language see "abroad": for English the
 * UK and the US are home, for Russian Russia, for Ukrainian Ukraine, for Azerbaijani Azerbaijan. Found together with
 * a sign of politics, they make a story World (a keyword "a|b & c|d" needs one of each part).
 */
export const ABROAD = [
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
  "Польск*", "Туск*", "Варшав*", "Венгри*", "Орбан*", "Румыни*", "Молдави*", "Молдов*", "Грузи*", "Тбилиси", "Калифорни*", "Армени*", "Пашинян*",
  "Азербайджан*", "Алиев*", "Баку", "Турци*", "Турецк*", "Эрдоган*", "Анкар*", "Израил*", "Нетаньяху", "Иран*", "Тегеран*", "Сири*",
  "Ливан*", "Ирак*", "Египет*", "Китай*", "Китая", "Пекин*", "Си Цзиньпин*", "Япони*", "Токио", "Корея", "Кореи", "Корее", "Корею", "КНДР", "Инди*", "Пакистан*",
  "Афганистан*", "Талибан*", "Бразили*", "Аргентин*", "Мексик*", "Венесуэл*", "Канад*", "Австрали*", "США", "Вашингтон*", "Трамп*",
  "Байден*", "Великобритани*", "Лондон*", "Британи*", "Британск*", "Стармер*", "Белорус*", "Беларус*", "Лукашенк*", "Сербия", "Сербии",
  "Казахстан*", "Узбекистан*", "Финлянди*", "Швеци*", "Эстони*", "Латви*", "Литв*",
  "Франці*", "Німеччин*", "Берлін*", "Нідерланд*", "Іспані*", "Італі*", "Польщ*", "Угорщин*", "Орбан*", "Румуні*", "Молдов*", "Грузі*", "Тбілісі", "Каліфорні*", "Техас*",
  "Вірмені*", "Азербайджан*", "Туреччин*", "Ердоган*", "Ізраїл*", "Іран*", "Сирі*", "Китай*", "Китаю", "Пекін*", "Японі*", "Корея",
  "Кореї", "Інді*", "Бразилі*", "Канад*", "Австралі*", "Вашингтон*", "Трамп*", "Британі*", "Лондон*", "Білорус*", "Лукашенк*", "Росі*",
  "Москви", "Москві", "Путін*", "Фінлянді*", "Швеці*", "Естоні*", "Латві*", "Литв*", "Словаччин*", "Фіцо", "Чехі*",
  "Fransa*", "Makron*", "Almaniya*", "Berlin*", "Niderland*", "İspaniya*", "İtaliya*", "Polşa*", "Macarıstan*", "Orban*", "Rumıniya*",
  "Moldova*", "Gürcüstan*", "Kaliforniya*", "Tbilisi*", "Ermənistan*", "Paşinyan*", "Türkiyə*", "Ərdoğan*", "Ankara*", "İsrail*", "Netanyahu*",
  "İran*", "Tehran*", "Suriya*", "Livan*", "İraq*", "Misir*", "Çin*", "Pekin*", "Yaponiya*", "Koreya*", "Hindistan*", "Pakistan*",
  "Əfqanıstan*", "Braziliya*", "Argentina*", "Meksika*", "Kanada*", "Avstraliya*", "ABŞ", "ABŞ-da", "ABŞ-ın", "Vaşinqton*", "Tramp*",
  "Bayden*", "Böyük Britaniya*", "London*", "Rusiya*", "Moskva*", "Kreml*", "Putin*", "Belarus*", "Lukaşenko*", "Qazaxıstan*",
  "Özbəkistan*", "Finlandiya*", "İsveç*",
  "Peru", "Chile", "Colombia*", "Cuba*", "Bulgaria*", "Croatia*", "Switzerland", "Swiss", "Nepal*", "Bangladesh*", "Indonesia*",
  "Philippine*", "Vietnam*", "Thailand", "Thai", "Myanmar", "Перу", "Чили", "Колумби*", "Куб*", "Болгари*", "Хорвати*", "Швейцари*",
  "Непал*", "Бангладеш*", "Индонези*", "Филиппин*", "Вьетнам*", "Таиланд*", "Мьянм*", "Болгарі*", "Хорваті*", "Швейцарі*", "Індонезі*",
  "Філіппін*", "В'єтнам*", "Таїланд*", "Сербі*", "Греці*", "Peru*", "Çili*", "Kolumbiya*", "Kuba*", "Bolqarıstan*", "Xorvatiya*",
  "İsveçrə*", "Nepal*", "Banqladeş*", "İndoneziya*", "Filippin*", "Vyetnam*", "Tailand*", "Myanma*", "Serbiya*", "Yunanıstan*",
  "Belqrad*", "Afina*", "Athens", "Belgrade", "Белград*", "Афин*", "Афін*", "Будапешт*", "Бухарест*", "Кишин*", "Ереван*", "Єреван*",
  "Бонн*", "Нью-Дели", "Нью-Делі", "Çexiya*", "Praqa*", "Prague", "Budapeşt*", "Buxarest*", "Kişinyov*", "İrəvan*",
];

/** Signs of politics that make a story about another country World. */
export const POLITICAL_SIGNS = [
  "election*", "parliament*", "prime minister*", "president", "government*", "coalition*", "cabinet", "opposition", "treason",
  "court jail*", "jailed", "protest*", "talks", "phone call", "meets", "met", "visit*", "summit*", "vote", "referendum*", "foreign agent*", "minister", "ministers",
  "выбор*", "парламент*", "премьер*", "президент*", "правительств*", "коалици*", "кабинет*", "оппозици*", "госизмен*", "протест*",
  "переговор*", "по телефону", "телефонн* разговор*", "саммит*", "референдум*", "министр*", "визит*", "встреч*", "отставк*",
  "вибор*", "парламент*", "прем'єр*", "президент*", "уряд*", "коаліці*", "опозиці*", "держзрад*", "протест*", "переговор*",
  "телефонн* розмов*", "саміт*", "референдум*", "міністр*", "візит*", "зустріч*", "відставк*",
  "seçki*", "parlament*", "baş nazir*", "prezident*", "hökumət*", "koalisiya*", "müxalifət*", "etiraz*", "danışıq*", "telefon danışığı",
  "sammit*", "referendum*", "nazir*", "səfər*", "görüş*", "istefa*",
  "anti-government", "антиправительствен*", "антиурядов*", "hökumət əleyhinə", "aksiya*", "ex-president", "экс-президент*",
  "експрезидент*", "keçmiş prezident*", "MDB sammit*", "Avropa Parlament*", "politoloq*", "siyasət*",
];

/** Tariffs met with retaliation: a dispute between states. */
export const TARIFFS = ["tariff*", "duties", "пошлин*", "мита", "мито", "rüsum*"];
export const RETALIATION = ["retaliat*", "matching", "ответн*", "відповід*", "cavab*", "пообіца* відпов*", "пообеща* ответ*"];


/** A keyword whose parts count only together: one word or phrase of each list. */
export function together(...parts: readonly (readonly string[])[]): string {
  return parts.map((alternatives) => alternatives.join("|")).join(" & ");
}

import type { TopicDefinition } from "../builtin-topics.js";

export const ECONOMY: TopicDefinition = {
  name: "Economy",
  categories: [
    "Economy", "Business", "Finance", "Markets",
    "Экономика", "Бизнес", "Финансы", "Економіка", "Бізнес", "Фінанси",
    "İqtisadiyyat", "Biznes", "Maliyyə", "Aqrar", "Energetika",
  ],
  keywords: [
    "авиакомпани*", "авіакомпані*", "Аэрофлот*", "дилер*", "АвтоВАЗ*", "automaker*", "car sales", "продажи автомобил*",
    "продажі автомобіл*", "avtomobil satış*",
    "markets", "stock market*", "banking sector", "bank profits", "bank shares", "рынок труда", "рынке труда", "фондов* рын*",
    "ринок праці", "ринку праці", "фондов* рин*", "market share",
    "markets", "stock market*", "banking sector", "bank profits", "bank shares", "рынок труда", "рынке труда", "фондов* рын*",
    "ринок праці", "ринку праці", "фондов* рин*", "market share",
    // Markets, banks, companies, trade and prices in the four languages.
    "НДФЛ", "ФРС", "ставк* ФРС", "базов* ставк*", "лир*", "капитализац*", "пошлин*", "акциз*", 
    "автопроизводител*", "автоконцерн*", "маркетплейс*", "оборот*", "биржев*", "Мосбирж*",
    "дивиденд*", "туристическ* сбор*", "мита", "мито", "акциз*", "видобут*", "прибут*",
    "виручк*", "біржов*", "дивіденд*", "туристичн* збор*", "туристичн* збір",
    "ФРС США", "облігаці*", "єврооблігац*", "МВФ", "кредит*", "Нацбанк*", "НБУ", "інфляці*", 
    "агрохолдинг*", "аграрі*", "експортер*", 
    "takeover", "acquisition*", "merger*", "dividend*", "bonds", "IMF", "World Bank", "wages", "salary",
    "salaries", "earnings", "quarterly", "retailer*", "supermarket*", "carmaker*", "airline*", "OPEC*", "tourism", "tourists", 
    "fuel duty", "VAT", "income tax", "levy", "levies", "səhm*", "bazar*", "kredit*", "turizm*",
    "turist*", "OPEC*", "BVF", "Dünya Bankı", "istiqraz*", "aksiz*", "gömrük*", "ixracat*", "idxalat*", "dövriyyə*",
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
};

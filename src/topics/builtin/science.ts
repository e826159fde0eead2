import type { TopicDefinition } from "../builtin-topics.js";
import { together } from "./together.js";

/** A trial of a drug or vaccine is research. */
const TRIALS = ["испытани*", "випробуван*", "trial*", "sınaq*"];
const TREATMENTS = ["вакцин*", "препарат*", "лекарств*", "ліки", "ліків", "vaccine*", "drug*", "peyvənd*", "dərman*"];

export const SCIENCE: TopicDefinition = {
  name: "Science",
  categories: ["Science", "Наука", "Elm"],
  keywords: [
    "comet*", "комет*", "kometa*", "гляціолог*", "гляциолог*", "РАН", "НАН України", "НАНУ", "AMEA", "glaciologist*",
    "riyaziyyatçı*", "Fields medal*", "Філдс*", "Филдс*",
    together(TRIALS, TREATMENTS), "astronom*", "planet*", "ekzoplanet*", "kəşf*",
    "Ayın səthi*", "Aya uçuş*", "Ay missiya*",
    "математик", "математика", "математиков", "математики", "mathematician*", "Абелівськ* прем*", "Абелевск* прем*", "Abel Prize",
    "Fields Medal", "Филдсовск*", "Філдсівськ*", "Луны", "Луну", "Луне", "Місяця", "Місяць", "Місяці", "Moon", "lunar", "лунн*",
    "місячн*", "Марс*", "Mars", "космическ* аппарат*", "космічн* апарат*", "kosmik aparat*", "клиническ* испытан*",
    "клінічн* випробуван*", "clinical trial*", "klinik sınaq*", "испытани* вакцин*", "учені", "дослідженн*", "исследовани*", "tədqiqat*",
    "орбіт*", "орбит*", "orbit*", "ракет* Союз*", "ракет* Ангар*", "Роскосмос*", "NASA", "ESA", "Chang'e", "Чанъэ", "зонд*",
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
    "олимпиад* по", "олімпіад* з", "fənn olimpiada*", "school olympiad*", "olympiad", "олімпіад*", "олимпиад*", "olimpiada*",
    "балістичн* ракет*", "крилат* ракет*", "баллистическ* ракет*", "крылат* ракет*", "ballistic missile*",
    "political scientist*", "security researchers", "exam", "exams",
    "ЕГЭ", "ОГЭ", "экзамен*", "НМТ", "ЗНО", "іспит*",
    "imtahan*",
  ],
};

import type { TopicDefinition } from "../builtin-topics.js";
import { together } from "./together.js";

/** Heat that kills is a health story. */
const HEAT = ["heatwave*", "heat", "жар*", "спек*", "isti hava*", "istilər*"];
const DEATHS = ["death*", "died", "kills", "killed", "смерт*", "жизн*", "погиб*", "умер*", "вбива*", "загину*", "помер*", "ölüm*", "həyatını itir*"];

export const HEALTH: TopicDefinition = {
  name: "Health",
  categories: ["Health", "Medicine", "Здоровье", "Медицина", "Здоров'я", "Səhiyyə", "Sağlamlıq"],
  keywords: [
    "stomatoloji*",
    "перинатальн*", "пологов* будин*", "родильн* дом*", "стоматолог*", "dental",
    "antibiot*", "антибиотик*", "антибіотик*", "antibiotik*", "weight-loss", "weight loss", "похуден*", "схудн*", "arıqla*", "Ozempic", "Оземпік*", "Оземпик*", "Nobel Prize in Medicine", "Nobel prize for medicine", "премі* з медицин*", "преми* по медицин*", "преми* по физиологи* и медицин*", "tibb üzrə Nobel*", "Держлікслужб*",
    "онкоцентр*", "онкологическ*", "онкологічн*", "diabet*", "şəkərli diabet*", "demensiya*", "talassemiya*", "gen terapiya*",
    "gene therapy", "генн* терапи*", "генн* терапі*",
    "tennis elbow", "тенісн* лік*", "теннисн* лок*", "tennis dirsəy*", "Alzheimer*", "Альцгеймер*", "blood test*", "qan testi",
    "аналіз* крові", "анализ* крови",
    "World Health Organization", "World Health Organisation", "Ümumdünya Səhiyyə Təşkilat*",
    together(HEAT, DEATHS), "Росздравнадзор*", "инсулин*", "інсулін*", "insulin", "аптек*", "pharmac*", "aptek*",
    "рак груд*", "рак легк*", "рак шейк*", "рак шийк*", "рак кож*", "рака груд*", "вспышк* кор*", "вспышк* заболеван*", "вспышк* инфекц*",
    "спалах* кору", "спалах* захворюван*", "спалах* інфекц*", "спалах* Ебол*", "спалах* холер*", "tibbi", "tibb müəssisə*", "xəstəlik*",
    "xəstələr*",
    // Outbreaks, hospitals, treatment and public health in the four languages.
    "оспа", "оспы", "эпидеми*", "ВОЗ", "ВИЧ", "госпитализац*", "теплов* удар*", "сальмонелл*", "отравлен*", "Эбол*", "холер*",
    "туберкулез*", "мелан*", "депресси*", "психическ* здоров*", "энергетическ* напитк*", "табак*", "вейп*", "епідемі*",
    "ВООЗ", "ВІЛ", "госпіталізац*", "тепло* удар*", "сальмонел*", "отруєн*", "Ебол*", "Марбург*", "холер*", "туберкульоз*", "депресі*",
    "психічн* здоров*", "Охматдит*", "медзаклад*", "НСЗУ", "Доступні ліки", "вірус* Марбург", "зараженн*",
    "outbreak*", "epidemic*", "HIV", "salmonella", "food poisoning", "Ebola", "Marburg", "tuberculosis", "depression",
    "mental health", "heatstroke", "heat stroke", "vaping", "smoking", "junk food", "sugar tax", "A&E",
    "ambulance*", "GP", "dentist*", "medicine*", "clinical trial*", "NICE", "epidemiya*", "HİV", "salmonella*",
    "zəhərlən*", "Ebola*", "vərəm*", "depressiya*", "psixi sağlamlıq*", "klinika*",
    "poliklinika*", "TƏBİB", "icbari tibbi sığorta*",
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
    "Tropic of Cancer", "toqquş*",
    "cancer on",
    "serial*",
    "astrolog*", "stars this week", "ulduz falı", "astroloq*", "stabbing", "stabbed", "çay xərçəng*", "xərçəng tutul*", "balıqçı*",
    "Palestinian health officials", "Gaza health ministry",
    "drone attack", "missile strike*", "air strike*", "airstrike*",
    "shelling", "hava zərbə*", "raket zərbə*", "dron hücum*", "обстріл*", "обстрел*", "ракетн* удар*", "strikes on Gaza",
    "сериал*", "серіал*", "серия*", "мышц*", 
    "military operation*", "воєнн* операц*", "военн* операц*", "спецоперац*", "hərbi əməliyyat*",
    "horoscope*", "drama", "dramas", "computer virus*", 
    "гороскоп*", "компьютерн* вирус*", "ДТП", "комп'ютерн* вірус*", 
    "bürc*", "kompüter virus*", "qəza*",
  ],
};

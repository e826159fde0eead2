import type { TopicDefinition } from "../builtin-topics.js";
import { ABROAD, POLITICAL_SIGNS, RETALIATION, TARIFFS, together } from "./together.js";

/** Disasters: abroad, they are World. */
const DISASTERS = [
  "flood*", "wildfire*", "hurricane*", "death toll", "наводнени*", "паводк*", "лесн* пожар*", "шторм*", "погибш*", "погибл*",
  "повін*", "повен*", "пожеж*", "загинул*", "загиблих", "daşqın*", "sel axın*", "yanğın*", "fırtına*", "ölənlərin sayı", "həlak*",
  "heatwave*", "теплов* удар*", "спека", "спеки", "жара", "жары", "isti dalğa*", "померл*", "умерл*", "anomal isti*",
  "həyatına son qoy*",
];

export const WORLD: TopicDefinition = {
  name: "World",
  categories: [
    "World", "World news", "International", "Asia", "Africa", "Middle East", "Latin America", "Asia Pacific",
    "Xarici siyasət",
  ],
  keywords: [
    "ураган", "урагана", "ураганом", "урагану", "санкці*", "Avropa Parlament*", "MDB", "СНГ",
    "vasitəçilik*", "dövlət başçı*", "Türk Dövlətləri Təşkilat*", "Ümumdünya Səhiyyə Təşkilat*",
    "UAE-brokered", "Qatar-brokered", "prisoner swap*", "flash floods in", "natural disaster", "death toll from", "wildfire sweeps",
    "cholera", "UN health agency",
    "МАГАТЭ", "ЮНІСЕФ", "ЮНИСЕФ", "UNICEF", "UNESCO", "ЮНЕСКО", "землетряс*", "тайфун*", "лесн* пожар*", "лісов* пожеж*",
    "meşə yanğın*", "qasırğa*", "tayfun*", "typhoon*", "wildfires in", "посредничеств*", "посередництв*", "vasitəçiliy*", "mediation",
    "mediated", "brokered by",
    "United Nations", "UN Security Council", "UN General Assembly", "UN peacekeep*", "NATO", "G7", "G20", "BRICS", "IAEA", "World Health Organization", "World Health Organisation", "COP2*", "COP3*", "ceasefire", "truce",
    "peace talks", "peace deal", "peace treaty", "peace agreement", "sanctions", "ambassador", "ambassadors", "embassy", "embassies",
    "diplomat*", "foreign minister*", "security guarantee*", "aid to Ukraine", "military aid", "Gaza", "hostage*", "earthquake*",
    "tsunami*", "famine*", "military coup", "coup attempt", "attempted coup", together(ABROAD, POLITICAL_SIGNS), together(ABROAD, DISASTERS), together(TARIFFS, RETALIATION),
    "ООН", "НАТО", "ВОЗ", "МАГАТЕ", "прекращени* огня", "перемири*", "мирн* договор*",
    "мирн* переговор*", "мирн* соглашени*", "санкци*", "посол", "посла", "послом", "посольств*", "дипломат*", "МИД",
    "министр* иностранных дел", "гаранти* безопасности", "помощ* Украин*", "военн* помощ*", "сектор* Газ*", "президент* США",
    "Госсекретар*", "заложник*", "землетрясени*", "цунами", "беженц*", "ВООЗ", "припинен* вогню",
    "перемир*", "мирн* угод*", "МЗС", "міністр* закордонних справ", "гаранті* безпеки", "допомог* Україні",
    "військов* допомог*", "Білий дім", "Білого дому", "держсекретар*", "заручник*", "землетрус*", "цунамі", "біженц*",
    "BMT", "MAQATE", "atəşkəs*", "sülh saziş*", "sülh danışıq*", "sülh müqavilə*", "səfir*", "xarici işlər nazir*",
    "Ukraynaya yardım*", "hərbi yardım*", "Qəzza*", "Ağ Ev*", "ABŞ prezident*", "sanksiya*", "zəlzələ*", "sunami", "qaçqın*",
  ],
  // Studies of foreign or global phenomena, festivals and diaspora bodies are not international affairs.
  exclude: [
    "бизнес-саммит*", "business summit*", "бізнес-саміт*", "biznes sammit*", "biznes-sammit*",
    "Еврокомисси* оштрафовал*", "Єврокомісі* оштрафувал*", "Avropa Komissiyası* cərimə*", "fined by the EU", "fined €*",
    "FIDE", "FIFA", "UEFA", "IOC", "МОК", "Olimpiya Komitə*",
    "EU fines", "fines Google", "fines Apple", "fines Meta", "fines X",
    "study finds", "researchers", "festival", "diaspora", "brand ambassador*",
    "исследовател*", "учены*", "учёны*", "фестивал*", "диаспор*", "дослідник*", "вчені", "науковц*", "діаспор*",
    "alimlər*", "tədqiqatçı*", "festival*", "diaspor*", "köçkün*",
  ],
};

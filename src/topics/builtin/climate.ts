import type { TopicDefinition } from "../builtin-topics.js";

export const CLIMATE: TopicDefinition = {
  name: "Climate",
  categories: ["Climate", "Climate crisis", "Environment", "Климат", "Экология", "Клімат", "Екологія", "Довкілля", "İqlim", "Ekologiya"],
  keywords: [
    "çirkab*", "rewilding", "oil drilling", "Arctic refuge", "Arctic National Wildlife Refuge", "single-use plastic*", "одноразов* пластик*", "одноразов* посуд*", "пластиков* посуд*", "birdəfəlik plastik*", "bir dəfəlik plastik*",
    "ov* qadağa*", "fishing ban", "hunting ban", "запрет* на лов*", "заборон* на лов*", "qoruğ*", "neft sızma*", "neft ləkə*",
    "dəniz buz*", "istiləşmə*", "ekofəal*", "climate activists", "экоактивист*", "екоактивіст*", "migratory bird*", "köçəri quş*",
    "перелітн* птах*", "перелетн* птиц*",
    "carbon dioxide emissions", "CO2 emissions", "CO2 levels", "концентрац* CO2", "выбросы CO2", "викиди CO2", "tanker leak", "slick",
    "coral bleaching", "bleaching", "clean air zone", "air pollution", "nitrogen dioxide", "environmental project*", "Earthshot",
    "пластиков* отход*", "микропластик*", "мікропластик*", "microplastic*", "plastic pollution", "нефтян* пятн*", "нафтов* плям*",
    "солнечн* электростанц*", "сонячн* електростанц*", "ветроэлектростанц*", "вітроелектростанц*", "ВЕС", "СЕС", "солнечн* панел*",
    "сонячн* панел*", "solar farm*", "wind farm*", "offshore wind", "solar power", "углекисл*", "вуглекисл*", 
    "морськ* лід", "морськ* льод*", "морск* льд*", "морск* лед*", "найтепліш*", "самы* тепл* год*", "warmest year", "hottest year",
    "Copernicus", "нацпарк*", "заповідник*", "заповедник*", "national park*", "conservation*", "extinct*", "эколог*", "еколог*",
    "ekoloq*", "mikroplastik*", "plastik tullantı*", "günəş elektrik stansiya*", "külək elektrik stansiya*", "karbon*", "milli park*",
    "qoruq*", "nəsli kəsil*", "biorozklad*", "біорозкладн*", "биоразлагаем*", "biodegradable", "recycling", "переработк* отход*",
    "перероб* відход*", "сміттєпереробн*", "tullantıların emalı",
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
    "air conditioners", "air-con", "кондиционер*", "кондиціонер*", "kondisioner*",
    "business climate", "investment climate", "political climate",
    "инвестиционн* климат*", "делов* климат*", "политическ* климат*", "климатическ* техник*", "бізнес клімат*", "інвестиційн* клімат*",
    "політичн* клімат*", "кліматичн* техні*",
    "biznes iqlim*", "investisiya iqlim*", "siyasi iqlim*",
  ],
};

import type { TopicDefinition } from "../builtin-topics.js";

export const SPORTS: TopicDefinition = {
  name: "Sports",
  categories: [
    "Sport", "Sports", "Football", "Soccer", "Tennis", "Chess", "Basketball", "Boxing", "Formula 1", "Cricket", "Rugby", "Athletics",
    "Спорт", "Футбол", "Теннис", "Шахматы", "Хоккей", "Бокс", "Баскетбол", "Теніс", "Шахи", "Хокей",
    "İdman", "Futbol", "Şahmat", "Boks", "Güləş",
  ],
  keywords: [
    "Тур* де Франс", "Гран при", "Гран прі", "Qran pri", "Australian Open", "US Open", "чвертьфінал*", "четвертьфинал*", "полуфинал*",
    "півфінал*", "yarımfinal*", "finala", "финал*", "фінал*", "Формул* 1", "Формул* 1", "гонщик*", "пилот* Формул*", "Red Bull",
    "Ферстаппен*", "Verstappen",
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
    "концерт*", "concert*", "konsert*", "теннисн* лок*", "тенісн* лік*", "министр* спорта", "министр спорта", "міністр* молоді та спорту",
    "міністр* спорту", "sports minister", "idman nazir*", "Gənclər və İdman Nazir*", "ученые", "учёные", "вчені", "науковці",
    "дослідженн*", "исследовани*", "tədqiqat*",
    "Olympic pool*", "Olympic size*", "Olympic sized", "tennis elbow", "Boxing Day", "researchers", "study finds",
    "исследовател*", "дослідник*", "науковц*",
    "alimlər*", "tədqiqatçı*",
    "олимпиад* по", "олімпіад* з математик*", "олімпіад* з фізик*", "олімпіад* з хімі*", "олімпіад* з інформатик*",
    "олімпіад* з біологі*", "школяр*", "школьник*",
    "fənn olimpiada*",
  ],
};

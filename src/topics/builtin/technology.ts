import type { TopicDefinition } from "../builtin-topics.js";

export const TECHNOLOGY: TopicDefinition = {
  name: "Technology",
  categories: ["Technology", "Tech", "Технологии", "Технології", "Texnologiya", "Texnologiyalar", "Hi-Tech", "İKT", "IT"],
  keywords: [
    "сотов* оператор*", "mobile networks", "Nintendo", "Switch 2", "Spotify", "games console*", "streaming service*", "кубіт*", "qubit*", "kubit*", "супутник*", "спутник*", "lunar lander", "eniş modul*",
    "YouTube", "монетизац*", "оптоволокн*", "оптичн* інтернет*", "Укртелеком*", "cyber attack*", "cyberattack*",
    "Госуслуг*", "Минцифр*", "Мінцифр*", "мессенджер*", "месенджер*", "messenger app*",
    "social media", "соцмереж*", "соцсет*", "sosial şəbəkə*", "mobile operator*", "облачн*", "хмарн*", "bulud*", "cloud", "Rocket Lab",
    "rocket launch*", "launches satellite", "ИИ", "ШІ", "мобільн* банк*", "mobil bank*",
    "satellite launch*", "communications satellite*", "запуск* спутник*", "супутник* зв'язку", "запуск* супутник*", "вивел* на орбіт*",
    "вывел* на орбит*", "peyk* orbitə",
    "спутник* связи", "маркетплейс*", "marketplace*", "видеоигр*", "відеоігр*", "video game*", "gaming",
    "Neuralink", "Gemini", "Google", "Microsoft", "Apple", "Samsung", "Meta", "Huawei", "Xiaomi", "TikTok", "Telegram", "WhatsApp",
    "Яндекс*", "Yandex", "VK", "Ozon", "Wildberries", "Київстар*", "Kyivstar", "Киевстар*", "Azercell", "Bakcell", 
    "Starlink", "мобільн* інтернет*", "мобильн* интернет*", "mobil internet*", "мобільн* оператор*", "оператор* связи",
    "оператор* мобильн*", "mobil operator*", "Windows", "iOS", "оновлен* безпеки", "mobil tətbiq*", "broadband", 
    "apps", "VPN*", "інтернет*", "интернет*", "internet",
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
  exclude: [
    "Monty Python",
    "питон*", "пітон*", "royal python", "змею", "змія", "змію", "snake",
    "wassail*", "cider", "orchard*",
    "fish and chips", "potato chips", "Ai Weiwei", "чипс*",
    "apple pie", "apple harvest", "apple juice", "apple orchard*", "apple festival", "apples", "nar şirəsi", "nar bayramı",
  ],
};

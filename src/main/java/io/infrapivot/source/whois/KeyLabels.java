package io.infrapivot.source.whois;

import java.util.Map;

/**
 * Keys written in Chinese (simplified and traditional), Japanese and Russian, as registrars and registries of those
 * languages label their answers ({@code 注册商：}, {@code [ドメイン名]}, {@code Регистратор:}), mapped to the English
 * key the rest of the parser knows. Looked up before accents are dropped (that would change kana and Cyrillic).
 */
final class KeyLabels {
    private static final Map<String, String> ENGLISH = Map.ofEntries(
            // Chinese, simplified
            Map.entry("域名", "domain name"), Map.entry("注册商", "registrar"), Map.entry("注册服务机构", "registrar"),
            Map.entry("所属注册服务机构", "registrar"), Map.entry("注册日期", "creation date"),
            Map.entry("注册时间", "creation date"), Map.entry("创建日期", "creation date"),
            Map.entry("创建时间", "creation date"), Map.entry("过期日期", "expiration date"),
            Map.entry("过期时间", "expiration date"), Map.entry("到期日期", "expiration date"),
            Map.entry("到期时间", "expiration date"), Map.entry("更新日期", "updated date"),
            Map.entry("更新时间", "updated date"), Map.entry("域名状态", "domain status"), Map.entry("状态", "status"),
            Map.entry("dns服务器", "name server"), Map.entry("域名服务器", "name server"),
            Map.entry("注册者", "registrant"), Map.entry("注册人", "registrant"), Map.entry("所有者", "registrant"),
            Map.entry("注册者单位", "registrant organization"), Map.entry("注册人单位", "registrant organization"),
            Map.entry("注册者联系邮箱", "registrant email"), Map.entry("注册人邮箱", "registrant email"),
            Map.entry("联系人邮箱", "registrant email"),
            // Chinese, traditional (TWNIC, HKIRC, registrars in Taiwan and Hong Kong)
            Map.entry("網域名稱", "domain name"), Map.entry("註冊商", "registrar"), Map.entry("註冊日期", "creation date"),
            Map.entry("建立日期", "creation date"), Map.entry("到期日", "expiration date"),
            Map.entry("更新日", "updated date"), Map.entry("網域名稱伺服器", "name server"),
            Map.entry("域名伺服器", "name server"), Map.entry("註冊人", "registrant"), Map.entry("狀態", "status"),
            // Japanese (registrars answering in JPRS's style for other TLDs)
            Map.entry("ドメイン名", "domain name"), Map.entry("ネームサーバ", "name server"),
            Map.entry("ネームサーバー", "name server"), Map.entry("登録年月日", "creation date"),
            Map.entry("作成日", "creation date"), Map.entry("有効期限", "expiration date"),
            Map.entry("最終更新", "updated date"), Map.entry("状態", "status"),
            Map.entry("登録者名", "registrant name"), Map.entry("組織名", "registrant organization"),
            Map.entry("レジストラ", "registrar"), Map.entry("登録事業者", "registrar"),
            // Russian and the other Cyrillic-script registries
            Map.entry("домен", "domain name"), Map.entry("доменное имя", "domain name"),
            Map.entry("регистратор", "registrar"), Map.entry("дата регистрации", "creation date"),
            Map.entry("дата создания", "creation date"), Map.entry("дата окончания", "expiration date"),
            Map.entry("оплачен до", "expiration date"), Map.entry("дата окончания регистрации", "expiration date"),
            Map.entry("дата изменения", "updated date"), Map.entry("дата обновления", "updated date"),
            Map.entry("статус", "status"), Map.entry("состояние", "status"), Map.entry("серверы dns", "name server"),
            Map.entry("dns серверы", "name server"), Map.entry("dns-серверы", "name server"),
            Map.entry("сервер имен", "name server"), Map.entry("администратор", "registrant"),
            Map.entry("владелец", "registrant"), Map.entry("организация", "registrant organization"));

    private KeyLabels() {}

    /** The English key for a key in another script (lower case, trimmed), or the key itself. */
    static String english(String key) {
        String k = key.strip();
        if (k.startsWith("[") && k.endsWith("]")) k = k.substring(1, k.length() - 1).strip();
        return ENGLISH.getOrDefault(k, key);
    }
}

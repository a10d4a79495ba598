package io.infrapivot.model;

import java.util.Set;

/** File extensions that make an unknown-TLD name look like a file name ({@code invoice.exe}). */
public final class FileExtensions {
    private static final Set<String> COMMON = Set.of(
            // executables and scripts
            "exe", "dll", "scr", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "jar", "hta",
            "lnk", "msi", "msp", "cpl", "sys", "drv", "ocx", "elf", "so", "dylib", "apk", "ipa", "dmg", "pkg", "deb",
            "rpm", "sh", "py", "pyc", "pl", "rb", "class", "war", "vba", "ko", "o", "a",
            // documents
            "doc", "docx", "docm", "dot", "dotm", "xls", "xlsx", "xlsm", "xlsb", "xlam", "ppt", "pptx", "pptm", "pdf",
            "rtf", "txt", "csv", "odt", "ods", "odp", "one", "eml", "msg", "chm", "xml", "json", "yaml", "yml", "md",
            // config, data, logs
            "log", "ini", "cfg", "conf", "dat", "bin", "tmp", "bak", "db", "sqlite", "reg", "inf", "pem", "crt", "der",
            "key", "pcap", "pcapng", "evtx", "etl", "dmp", "mem", "raw", "vmdk", "vhd", "vhdx", "ova",
            // archives and images
            "iso", "img", "zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz", "zst", "cab", "arj", "lzh", "ace", "z",
            // web
            "html", "htm", "php", "asp", "aspx", "jsp", "css", "svg", "swf",
            // media
            "png", "jpg", "jpeg", "gif", "bmp", "ico", "tif", "tiff", "webp", "mp3", "mp4", "avi", "wav", "mov");

    private FileExtensions() {}

    /** Whether {@code tld} (lower case) is a common file extension. */
    public static boolean isCommon(String tld) {
        return COMMON.contains(tld);
    }
}

package io.infrapivot.app.extract;

/** Where a stream being read came from: the file the user named and the path inside it; its nesting depth. */
record Origin(String file, String path, int depth) {
    Origin child(String name) {
        String n = name == null || name.isBlank() ? "(unnamed)" : name;
        return new Origin(file, path.isEmpty() ? n : path + "!/" + n, depth + 1);
    }

    /** The path for messages: file, then the path inside it. */
    String where() {
        return path.isEmpty() ? file : file + "!/" + path;
    }
}

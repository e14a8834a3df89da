/* Compiled helpers for declutter: the comparison keys of the duplicates filter.
 *
 * document_keys(texts, start_words) returns what the pure-Python
 * declutter.filters.duplicates._document_keys_python returns for blocks with
 * those texts: for each text, its key (case-folded words, one space between
 * them) and the first start_words words of each of its sentences. The Python
 * function is the specification; tests/test_speedups.py checks that both
 * agree on the corpus and on generated text. Each text is read once:
 *
 *   1. a line break, "_" or NUL in a text is a space;
 *   2. a sentence mark [.!?…:;], closing quotes or brackets ['"”’)\]]*, and a
 *      run of white space end a sentence (Python turns them into one NUL);
 *   3. every other character is case-folded as str.casefold folds it (one
 *      character at a time, as str.casefold does; ASCII by table, the others
 *      through str.casefold, remembered);
 *   4. words are runs of alphanumeric characters of the folded text (what
 *      [^\W_] matches there); a key joins a text's words, a head the first
 *      start_words words of a sentence.
 *
 * Characters are classified with the macros the re module and str.split
 * use (Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE).
 *
 * word_totals(text, stopwords) counts the stop words of language detection:
 * what declutter.detect._scores_python(text.lower().split()) returns, the
 * weighted hits of each language, plus the number of words. Words are split
 * on white space and lower-cased one by one (str.lower of a word is that of
 * the word inside a text: white space bounds the final-sigma rule); a word
 * with İ or Σ, whose lower case is not one character each, is lower-cased by
 * str.lower itself. stopwords is make_stopwords(words, weights), a table of
 * the words and their weight in each language.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

/* Py_UNICODE_ISALNUM, with a table for ASCII (most characters) and one for the rest of the first plane,
 * filled as characters are met (0: not looked up yet, 1: no, 2: yes). */
static unsigned char ascii_alnum[128];
/* The ASCII sentence marks (is_mark). */
static unsigned char ascii_mark[128];
/* Per ASCII character, what read_ascii_run does with it: FOLD_GAP (not alphanumeric: between words),
 * FOLD_STOP (a sentence mark: the run ends), else its lower case. */
#define FOLD_GAP 0
#define FOLD_STOP 255
static unsigned char ascii_fold[128];
static unsigned char plane_alnum[0x10000];
/* The case folding of characters above ASCII met so far: {code point: folded str}, and for the first
 * plane a direct table of the same strings (borrowed from the dict, which keeps them). */
static PyObject *folds = NULL;
static PyObject *plane_folds[0x10000];

static inline int is_alnum(Py_UCS4 ch) {
    if (ch < 128) {
        return ascii_alnum[ch];
    }
    if (ch >= 0x10000) {
        return Py_UNICODE_ISALNUM(ch);
    }
    if (!plane_alnum[ch]) {
        plane_alnum[ch] = Py_UNICODE_ISALNUM(ch) ? 2 : 1;
    }
    return plane_alnum[ch] == 2;
}

static inline int is_mark(Py_UCS4 ch) {
    return ch == '.' || ch == '!' || ch == '?' || ch == 0x2026 || ch == ':' || ch == ';';
}

static inline int is_closer(Py_UCS4 ch) {
    return ch == '\'' || ch == '"' || ch == 0x201D || ch == 0x2019 || ch == ')' || ch == ']';
}

/* Step 1: the character as the sentence marking sees it. */
static inline Py_UCS4 plain(Py_UCS4 ch) {
    return (ch == '\n' || ch == '_' || ch == 0) ? ' ' : ch;
}

/* The words of one text being read: its key, the head of the current sentence, and the heads so far. */
typedef struct {
    Py_UCS4 *key;
    Py_ssize_t key_size;
    Py_UCS4 key_max;         /* the largest character in key (a str is made with exactly its own) */
    Py_UCS4 *head;
    Py_ssize_t head_size;
    Py_UCS4 head_max;
    Py_ssize_t words;        /* words in the current sentence */
    int in_word;
    Py_ssize_t start_words;
    PyObject *heads;         /* list of str */
} Reader;

/* A folded character: part of a word when alphanumeric, else a gap between words. */
static inline void add_folded(Reader *r, Py_UCS4 ch) {
    if (is_alnum(ch)) {
        if (!r->in_word) {
            if (r->key_size) {
                r->key[r->key_size++] = ' ';
            }
            if (r->words < r->start_words && r->head_size) {
                r->head[r->head_size++] = ' ';
            }
            r->in_word = 1;
        }
        r->key[r->key_size++] = ch;
        r->key_max = ch > r->key_max ? ch : r->key_max;
        if (r->words < r->start_words) {
            r->head[r->head_size++] = ch;
            r->head_max = ch > r->head_max ? ch : r->head_max;
        }
    } else if (r->in_word) {
        r->in_word = 0;
        r->words++;
    }
}

/* The case folding of a character above ASCII (a borrowed str), remembered. */
static PyObject *folded_of(Py_UCS4 ch) {
    if (ch < 0x10000 && plane_folds[ch] != NULL) {
        return plane_folds[ch];
    }
    PyObject *code = PyLong_FromUnsignedLong(ch);
    if (code == NULL) {
        return NULL;
    }
    PyObject *folded = PyDict_GetItemWithError(folds, code);
    if (folded == NULL && !PyErr_Occurred()) {
        PyObject *one = PyUnicode_FromOrdinal((int)ch);
        folded = one == NULL ? NULL : PyObject_CallMethod(one, "casefold", NULL);
        Py_XDECREF(one);
        if (folded != NULL) {
            int failed = PyDict_SetItem(folds, code, folded);
            Py_DECREF(folded); /* the dict holds it */
            folded = failed ? NULL : folded;
        }
    }
    Py_DECREF(code);
    if (folded != NULL && ch < 0x10000) {
        plane_folds[ch] = folded;
    }
    return folded;
}

/* Step 3 for a character above ASCII: add its case folding (one to three characters). */
static int add_unicode(Reader *r, Py_UCS4 ch) {
    PyObject *folded = folded_of(ch);
    if (folded == NULL) {
        return -1;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(folded);
    for (Py_ssize_t i = 0; i < length; i++) {
        add_folded(r, PyUnicode_READ_CHAR(folded, i));
    }
    return 0;
}

/* A str of the size characters in buffer, the largest of them maxchar (what PyUnicode_FromKindAndData
 * makes, without looking for the largest character again). */
static PyObject *make_str(const Py_UCS4 *buffer, Py_ssize_t size, Py_UCS4 maxchar) {
    PyObject *text = PyUnicode_New(size, maxchar);
    if (text == NULL || size == 0) {
        return text;
    }
    int kind = PyUnicode_KIND(text);
    void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        for (Py_ssize_t i = 0; i < size; i++) {
            ((Py_UCS1 *)data)[i] = (Py_UCS1)buffer[i];
        }
    } else if (kind == PyUnicode_2BYTE_KIND) {
        for (Py_ssize_t i = 0; i < size; i++) {
            ((Py_UCS2 *)data)[i] = (Py_UCS2)buffer[i];
        }
    } else {
        memcpy(data, buffer, (size_t)size * sizeof(Py_UCS4));
    }
    return text;
}

static int end_sentence(Reader *r) {
    if (r->in_word) {
        r->in_word = 0;
        r->words++;
    }
    PyObject *head = make_str(r->head, r->head_size, r->head_max);
    if (head == NULL || PyList_Append(r->heads, head) < 0) {
        Py_XDECREF(head);
        return -1;
    }
    Py_DECREF(head);
    r->head_size = 0;
    r->head_max = 0;
    r->words = 0;
    return 0;
}

/* Steps 3 and 4 for the run of ASCII characters from i that holds no sentence mark (most of a text):
 * add_folded with the reader's state in local variables, which the compiler keeps in registers (the
 * reader itself is reached through a pointer and went to memory and back for every character), one
 * loop per kind of str, and one table look-up per character (ascii_fold). The largest characters are
 * left as they are: a str whose characters are all below 128 is made the same with any maxchar below
 * 128 (make_str). Returns where the run ends. */
#define READ_ASCII_RUN(NAME, TYPE)                                                                      \
    static Py_ssize_t NAME(Reader *r, const TYPE *chars, Py_ssize_t i, Py_ssize_t length) {             \
        Py_UCS4 *key = r->key, *head = r->head;                                                         \
        Py_ssize_t key_size = r->key_size, head_size = r->head_size, words = r->words;                  \
        Py_ssize_t start_words = r->start_words;                                                        \
        int in_word = r->in_word;                                                                       \
        for (; i < length; i++) {                                                                       \
            Py_UCS4 ch = chars[i];                                                                      \
            unsigned char folded = ch < 128 ? ascii_fold[ch] : FOLD_STOP;                               \
            if (folded == FOLD_GAP) { /* a line break, "_" and NUL included: step 1 */                  \
                words += in_word;                                                                       \
                in_word = 0;                                                                            \
                continue;                                                                               \
            }                                                                                           \
            if (folded == FOLD_STOP) {                                                                  \
                break;                                                                                  \
            }                                                                                           \
            if (!in_word) {                                                                             \
                if (key_size) {                                                                         \
                    key[key_size++] = ' ';                                                              \
                }                                                                                       \
                if (words < start_words && head_size) {                                                 \
                    head[head_size++] = ' ';                                                            \
                }                                                                                       \
                in_word = 1;                                                                            \
            }                                                                                           \
            key[key_size++] = folded;                                                                   \
            if (words < start_words) {                                                                  \
                head[head_size++] = folded;                                                             \
            }                                                                                           \
        }                                                                                               \
        r->key_size = key_size;                                                                         \
        r->head_size = head_size;                                                                       \
        r->words = words;                                                                               \
        r->in_word = in_word;                                                                           \
        return i;                                                                                       \
    }

READ_ASCII_RUN(read_ascii_run_1, Py_UCS1)
READ_ASCII_RUN(read_ascii_run_2, Py_UCS2)
READ_ASCII_RUN(read_ascii_run_4, Py_UCS4)

static Py_ssize_t read_ascii_run(Reader *r, int kind, const void *data, Py_ssize_t i, Py_ssize_t length) {
    if (kind == PyUnicode_1BYTE_KIND) {
        return read_ascii_run_1(r, data, i, length);
    }
    return kind == PyUnicode_2BYTE_KIND ? read_ascii_run_2(r, data, i, length) : read_ascii_run_4(r, data, i, length);
}

/* Steps 1 to 4 for one text, read in place (kind and data of the str). */
static int read_text(Reader *r, int kind, const void *data, Py_ssize_t length) {
    Py_ssize_t i = 0;
    while (i < length) {
        i = read_ascii_run(r, kind, data, i, length);
        if (i >= length) {
            break;
        }
        Py_UCS4 ch = plain(PyUnicode_READ(kind, data, i));
        if (is_mark(ch)) {
            Py_ssize_t j = i + 1;
            while (j < length && is_closer(plain(PyUnicode_READ(kind, data, j)))) {
                j++;
            }
            Py_ssize_t k = j;
            while (k < length && Py_UNICODE_ISSPACE(plain(PyUnicode_READ(kind, data, k)))) {
                k++;
            }
            if (k > j) { /* a sentence ends here */
                if (end_sentence(r) < 0) {
                    return -1;
                }
                i = k;
                continue;
            }
        }
        if (ch < 128) {
            add_folded(r, (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
        } else if (add_unicode(r, ch) < 0) {
            return -1;
        }
        i++;
    }
    return end_sentence(r);
}

static PyObject *document_keys(PyObject *self, PyObject *args) {
    PyObject *texts;
    Py_ssize_t start_words;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &texts, &start_words)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *keys = PyList_New(0), *all_heads = PyList_New(0), *result = NULL;
    Reader r = {NULL, 0, 0, NULL, 0, 0, 0, 0, start_words, NULL};
    Py_ssize_t capacity = 0;
    if (keys == NULL || all_heads == NULL) {
        goto done;
    }
    /* No text at all still makes one (empty) line, as "\n".join([]).split("\n") does. */
    for (Py_ssize_t n = 0; n < (count ? count : 1); n++) {
        PyObject *text = count ? PyList_GET_ITEM(texts, n) : NULL;
        if (text != NULL && !PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "document_keys() takes a list of str");
            goto done;
        }
        Py_ssize_t length = text == NULL ? 0 : PyUnicode_GET_LENGTH(text);
        if (3 * length + 1 > capacity) { /* a character folds to at most three */
            capacity = 3 * length + 1;
            PyMem_Free(r.key);
            PyMem_Free(r.head);
            r.key = PyMem_Malloc((size_t)capacity * sizeof(Py_UCS4));
            r.head = PyMem_Malloc((size_t)capacity * sizeof(Py_UCS4));
            if (r.key == NULL || r.head == NULL) {
                PyErr_NoMemory();
                goto done;
            }
        }
        r.key_size = r.head_size = r.words = 0;
        r.key_max = r.head_max = 0;
        r.in_word = 0;
        r.heads = PyList_New(0);
        if (r.heads == NULL || (text == NULL ? end_sentence(&r)
                                : read_text(&r, PyUnicode_KIND(text), PyUnicode_DATA(text), length)) < 0) {
            Py_XDECREF(r.heads);
            goto done;
        }
        PyObject *key = make_str(r.key, r.key_size, r.key_max);
        int failed = key == NULL || PyList_Append(keys, key) < 0 || PyList_Append(all_heads, r.heads) < 0;
        Py_XDECREF(key);
        Py_DECREF(r.heads);
        if (failed) {
            goto done;
        }
    }
    result = PyTuple_Pack(2, keys, all_heads);
done:
    PyMem_Free(r.key);
    PyMem_Free(r.head);
    Py_XDECREF(keys);
    Py_XDECREF(all_heads);
    return result;
}

/* ---------------------------------------------------------------- stop words */

#define FILTER_BITS 4096

typedef struct {
    Py_UCS4 *text;       /* the word, lower case; NULL for an empty slot */
    Py_ssize_t length;
    long long *weights;  /* one per language */
} Slot;

typedef struct {
    Slot *slots;
    Py_ssize_t size;     /* a power of two */
    Py_ssize_t languages;
    Py_ssize_t longest;  /* characters of the longest word */
    /* One bit per FILTER_BITS-th of the hashes some stop word has: most words of a text are no stop word,
       and this 512-byte map turns them away without touching the slots (cold in a crawl loop). */
    uint64_t filter[FILTER_BITS / 64];
} Stopwords;

static const char *STOPWORDS = "declutter._speedups.Stopwords";

static uint64_t word_hash(const Py_UCS4 *text, Py_ssize_t length) {
    uint64_t hash = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < length; i++) {
        hash = (hash ^ text[i]) * 1099511628211ULL;
    }
    return hash;
}

static void free_stopwords(PyObject *capsule) {
    Stopwords *table = PyCapsule_GetPointer(capsule, STOPWORDS);
    if (table == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i < table->size; i++) {
        PyMem_Free(table->slots[i].text);
        PyMem_Free(table->slots[i].weights);
    }
    PyMem_Free(table->slots);
    PyMem_Free(table);
}

static Slot *find_hashed(Stopwords *table, const Py_UCS4 *text, Py_ssize_t length, uint64_t hash) {
    Py_ssize_t at = (Py_ssize_t)(hash & (uint64_t)(table->size - 1));
    while (table->slots[at].text != NULL) {
        Slot *slot = &table->slots[at];
        if (slot->length == length && memcmp(slot->text, text, (size_t)length * sizeof(Py_UCS4)) == 0) {
            return slot;
        }
        at = (at + 1) & (table->size - 1);
    }
    return &table->slots[at];
}

static inline uint64_t filter_bit(uint64_t hash) {
    return (hash >> 40) & (FILTER_BITS - 1);
}

static inline int may_hold(const Stopwords *table, uint64_t hash) {
    uint64_t bit = filter_bit(hash);
    return (int)((table->filter[bit >> 6] >> (bit & 63)) & 1);
}

static Slot *find_slot(Stopwords *table, const Py_UCS4 *text, Py_ssize_t length) {
    return find_hashed(table, text, length, word_hash(text, length));
}

static PyObject *make_stopwords(PyObject *self, PyObject *args) {
    PyObject *words, *weights;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &words, &PyList_Type, &weights)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(words);
    if (PyList_GET_SIZE(weights) != count || count == 0) {
        PyErr_SetString(PyExc_ValueError, "make_stopwords() takes as many weights as words, and some words");
        return NULL;
    }
    Stopwords *table = PyMem_Calloc(1, sizeof(Stopwords));
    if (table == NULL) {
        return PyErr_NoMemory();
    }
    table->size = 16;
    while (table->size < 4 * count) {
        table->size *= 2;
    }
    table->languages = -1;
    table->slots = PyMem_Calloc((size_t)table->size, sizeof(Slot));
    if (table->slots == NULL) {
        PyMem_Free(table);
        return PyErr_NoMemory();
    }
    PyObject *capsule = PyCapsule_New(table, STOPWORDS, free_stopwords);
    if (capsule == NULL) {
        PyMem_Free(table->slots);
        PyMem_Free(table);
        return NULL;
    }
    for (Py_ssize_t n = 0; n < count; n++) {
        PyObject *word = PyList_GET_ITEM(words, n), *weight = PyList_GET_ITEM(weights, n);
        if (!PyUnicode_Check(word) || !PyTuple_Check(weight) || PyUnicode_GET_LENGTH(word) > 64 ||
                PyTuple_GET_SIZE(weight) > 64 ||
                (table->languages >= 0 && PyTuple_GET_SIZE(weight) != table->languages)) {
            PyErr_SetString(PyExc_TypeError, "make_stopwords() takes str words of at most 64 characters and "
                            "tuples of as many int weights (at most 64)");
            Py_DECREF(capsule);
            return NULL;
        }
        table->languages = PyTuple_GET_SIZE(weight);
        Py_UCS4 *text = PyUnicode_AsUCS4Copy(word);
        if (text == NULL) {
            Py_DECREF(capsule);
            return NULL;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(word);
        Slot *slot = find_slot(table, text, length);
        if (slot->text != NULL) { /* a repeated word: the first one counts */
            PyMem_Free(text);
            continue;
        }
        slot->text = text;
        slot->length = length;
        uint64_t bit = filter_bit(word_hash(text, length));
        table->filter[bit >> 6] |= (uint64_t)1 << (bit & 63);
        slot->weights = PyMem_Calloc((size_t)table->languages + 1, sizeof(long long));
        if (slot->weights == NULL) {
            Py_DECREF(capsule);
            return PyErr_NoMemory();
        }
        for (Py_ssize_t k = 0; k < table->languages; k++) {
            slot->weights[k] = PyLong_AsLongLong(PyTuple_GET_ITEM(weight, k));
        }
        if (PyErr_Occurred()) {
            Py_DECREF(capsule);
            return NULL;
        }
        if (length > table->longest) {
            table->longest = length;
        }
    }
    return capsule;
}

/* Add the weights of one word (its characters lower-cased already) to the totals. */
static void count_word(Stopwords *table, const Py_UCS4 *word, Py_ssize_t length, long long *totals) {
    if (length == 0 || length > table->longest) {
        return;
    }
    uint64_t hash = word_hash(word, length);
    if (!may_hold(table, hash)) {
        return;
    }
    Slot *slot = find_hashed(table, word, length, hash);
    if (slot->text != NULL) {
        for (Py_ssize_t k = 0; k < table->languages; k++) {
            totals[k] += slot->weights[k];
        }
    }
}

/* A word holding İ or Σ: lower-cased by str.lower itself. */
static int count_special(Stopwords *table, PyObject *text, Py_ssize_t start, Py_ssize_t end, long long *totals) {
    PyObject *word = PyUnicode_Substring(text, start, end);
    PyObject *lower = word == NULL ? NULL : PyObject_CallMethod(word, "lower", NULL);
    Py_XDECREF(word);
    if (lower == NULL) {
        return -1;
    }
    Py_UCS4 *chars = PyUnicode_AsUCS4Copy(lower);
    if (chars != NULL) {
        count_word(table, chars, PyUnicode_GET_LENGTH(lower), totals);
        PyMem_Free(chars);
    }
    Py_DECREF(lower);
    return chars == NULL ? -1 : 0;
}

static PyObject *word_totals(PyObject *self, PyObject *args) {
    PyObject *text, *capsule;
    if (!PyArg_ParseTuple(args, "UO", &text, &capsule)) {
        return NULL;
    }
    Stopwords *table = PyCapsule_GetPointer(capsule, STOPWORDS);
    if (table == NULL) {
        return NULL;
    }
    long long totals[64] = {0};
    if (table->languages > 64) {
        PyErr_SetString(PyExc_ValueError, "word_totals() counts at most 64 languages");
        return NULL;
    }
    Py_UCS4 word[64];
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), words = 0, i = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (i < length) {
        while (i < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i == length) {
            break;
        }
        Py_ssize_t start = i, size = 0;
        int special = 0;
        for (; i < length; i++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            if (Py_UNICODE_ISSPACE(ch)) {
                break;
            }
            special |= ch == 0x130 || ch == 0x3A3;
            if (size < 64) {
                word[size] = ch < 128 ? ((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch) : Py_UNICODE_TOLOWER(ch);
            }
            size++;
        }
        words++;
        if (special) {
            if (count_special(table, text, start, i, totals) < 0) {
                return NULL;
            }
        } else if (size <= 64) {
            count_word(table, word, size, totals);
        }
    }
    PyObject *result = PyTuple_New(table->languages);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < table->languages; k++) {
        PyObject *value = PyLong_FromLongLong(totals[k]);
        if (value == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        PyTuple_SET_ITEM(result, k, value);
    }
    return Py_BuildValue("(Nn)", result, words);
}

/* ------------------------------------------------------- per-block bookkeeping */

/* positions(masks, bits): the positions whose mask shares a bit with bits, what
 * declutter.scan.positions_python returns ([p for p, m in enumerate(masks) if m & bits]). */
static PyObject *positions(PyObject *self, PyObject *args) {
    PyObject *masks, *bits;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &masks, &PyLong_Type, &bits)) {
        return NULL;
    }
    int wide;
    long long want = PyLong_AsLongLongAndOverflow(bits, &wide);
    if (want == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t n = 0; n < PyList_GET_SIZE(masks); n++) {
        PyObject *mask = PyList_GET_ITEM(masks, n);
        int mask_wide = 0, hit;
        long long value = PyLong_Check(mask) ? PyLong_AsLongLongAndOverflow(mask, &mask_wide) : 0;
        if (value == -1 && PyErr_Occurred()) {
            goto fail;
        }
        if (wide || mask_wide || !PyLong_Check(mask)) { /* a mask past 64 bits (or no int): Python's & */
            PyObject *both = PyNumber_And(mask, bits);
            hit = both == NULL ? -1 : PyObject_IsTrue(both);
            Py_XDECREF(both);
            if (hit < 0) {
                goto fail;
            }
        } else {
            hit = (value & want) != 0;
        }
        if (hit) {
            PyObject *position = PyLong_FromSsize_t(n);
            int failed = position == NULL || PyList_Append(result, position) < 0;
            Py_XDECREF(position);
            if (failed) {
                goto fail;
            }
        }
    }
    return result;
fail:
    Py_DECREF(result);
    return NULL;
}

/* line_blocks(cls, fields, lines, numbers, hints): what declutter.blocks._line_blocks_python returns,
 * cls(position, lines[number], number + 1, None, hints) for each number, made without cls.__init__: each
 * field is set through its slot (fields: the member descriptors of cls's fields, in order, so that a
 * field added to Block without this function changing is refused). */
static int set_field(PyObject *block, PyObject *field, PyObject *value) {
    if (value == NULL) {
        return -1;
    }
    int failed = PyMember_SetOne((char *)block, ((PyMemberDescrObject *)field)->d_member, value);
    Py_DECREF(value);
    return failed;
}

static PyObject *line_block(PyTypeObject *cls, PyObject *fields, PyObject *text, Py_ssize_t position,
                            Py_ssize_t number, PyObject *hints) {
    PyObject *block = cls->tp_alloc(cls, 0);
    if (block == NULL) {
        return NULL;
    }
    Py_INCREF(text);
    Py_INCREF(Py_None);
    Py_INCREF(hints);
    if (set_field(block, PyTuple_GET_ITEM(fields, 0), PyLong_FromSsize_t(position)) < 0
            || set_field(block, PyTuple_GET_ITEM(fields, 1), text) < 0
            || set_field(block, PyTuple_GET_ITEM(fields, 2), PyLong_FromSsize_t(number + 1)) < 0
            || set_field(block, PyTuple_GET_ITEM(fields, 3), Py_None) < 0
            || set_field(block, PyTuple_GET_ITEM(fields, 4), hints) < 0) {
        Py_DECREF(block);
        return NULL;
    }
    return block;
}

static int fields_of(PyTypeObject *cls, PyObject *fields) {
    if (PyTuple_GET_SIZE(fields) != 5) {
        PyErr_SetString(PyExc_TypeError, "line_blocks() takes the five member descriptors of the fields");
        return -1;
    }
    for (Py_ssize_t n = 0; n < 5; n++) {
        PyObject *field = PyTuple_GET_ITEM(fields, n);
        if (!Py_IS_TYPE(field, &PyMemberDescr_Type) || ((PyDescrObject *)field)->d_type != cls
                || ((PyMemberDescrObject *)field)->d_member->type != T_OBJECT_EX) {
            PyErr_SetString(PyExc_TypeError, "line_blocks() takes slots of the class as fields");
            return -1;
        }
    }
    return 0;
}

static PyObject *line_blocks(PyObject *self, PyObject *args) {
    PyTypeObject *cls;
    PyObject *fields, *lines, *numbers, *hints;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O", &PyType_Type, &cls, &PyTuple_Type, &fields, &PyList_Type, &lines,
                          &PyList_Type, &numbers, &hints) || fields_of(cls, fields) < 0) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(numbers);
    PyObject *blocks = PyTuple_New(count);
    if (blocks == NULL) {
        return NULL;
    }
    for (Py_ssize_t n = 0; n < count; n++) {
        Py_ssize_t number = PyLong_AsSsize_t(PyList_GET_ITEM(numbers, n));
        if (number == -1 && PyErr_Occurred()) {
            goto fail;
        }
        if (number < 0 || number >= PyList_GET_SIZE(lines)) {
            PyErr_SetString(PyExc_IndexError, "line_blocks(): a line number out of range");
            goto fail;
        }
        PyObject *block = line_block(cls, fields, PyList_GET_ITEM(lines, number), n, number, hints);
        if (block == NULL) {
            goto fail;
        }
        PyTuple_SET_ITEM(blocks, n, block);
    }
    return blocks;
fail:
    Py_DECREF(blocks);
    return NULL;
}

/* record_hit(number, start, end, flags, hits): the first pass's match handler, hits.extend((number, end))
 * (what declutter.scan.Database._scan's Python handler records), called by hyperscan for each match. */
static PyObject *record_hit(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyList_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "record_hit(number, start, end, flags, hits) takes a list as hits");
        return NULL;
    }
    if (PyList_Append(args[4], args[0]) < 0 || PyList_Append(args[4], args[2]) < 0) {
        return NULL;
    }
    Py_RETURN_NONE; /* None: go on scanning */
}

/* line_masks(data, hits, id_bits, always, size, extra, own): the first pass's masks
 * (declutter.scan.Database._line_masks_python): data is the scanned text, one line per text after a
 * leading line break; each hit (hits pairs a literal number and where its match ends, in the order of the ends) adds
 * id_bits[number] to the mask of its line's text (lines past size stand for texts extra[line - size]).
 * Every mask starts as always. Returns the masks and the positions whose mask has bits above own.
 * Bits must fit 63 bits (the caller checks). */
static int line_of_hits(const char *bytes, Py_ssize_t length, PyObject *hits, PyObject *id_bits,
                        PyObject *extra, Py_ssize_t size, unsigned long long *masks) {
    Py_ssize_t line = -1, done = 0, count = PyList_GET_SIZE(hits) / 2;
    for (Py_ssize_t n = 0; n < count; n++) {
        Py_ssize_t number = PyLong_AsSsize_t(PyList_GET_ITEM(hits, 2 * n));
        Py_ssize_t end = PyLong_AsSsize_t(PyList_GET_ITEM(hits, 2 * n + 1));
        if ((number == -1 || end == -1) && PyErr_Occurred()) {
            return -1;
        }
        if (number < 0 || number >= PyList_GET_SIZE(id_bits) || end < done || end > length) {
            PyErr_SetString(PyExc_ValueError, "line_masks(): a hit out of range");
            return -1;
        }
        const char *at = bytes + done, *stop = bytes + end;
        while ((at = memchr(at, '\n', (size_t)(stop - at))) != NULL) {
            line++;
            at++;
        }
        done = end;
        Py_ssize_t where = line;
        if (line >= size) {
            where = line - size < PyList_GET_SIZE(extra) ? PyLong_AsSsize_t(PyList_GET_ITEM(extra, line - size)) : -1;
        }
        if (where < 0 || where >= size) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "line_masks(): a hit outside the texts");
            }
            return -1;
        }
        unsigned long long bit = PyLong_AsUnsignedLongLong(PyList_GET_ITEM(id_bits, number));
        if (bit == (unsigned long long)-1 && PyErr_Occurred()) {
            return -1;
        }
        masks[where] |= bit;
    }
    return 0;
}

static PyObject *masks_list(const unsigned long long *masks, Py_ssize_t size, unsigned long long own) {
    PyObject *result = PyList_New(size), *high = PyList_New(0);
    if (result == NULL || high == NULL) {
        goto fail;
    }
    for (Py_ssize_t n = 0; n < size; n++) {
        PyObject *mask = PyLong_FromUnsignedLongLong(masks[n]);
        if (mask == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(result, n, mask);
        if (masks[n] > own) {
            PyObject *position = PyLong_FromSsize_t(n);
            int failed = position == NULL || PyList_Append(high, position) < 0;
            Py_XDECREF(position);
            if (failed) {
                goto fail;
            }
        }
    }
    return Py_BuildValue("(NN)", result, high);
fail:
    Py_XDECREF(result);
    Py_XDECREF(high);
    return NULL;
}

static PyObject *line_masks(PyObject *self, PyObject *args) {
    PyObject *data, *hits, *id_bits, *extra;
    unsigned long long always, own;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "O!O!O!KnO!K", &PyBytes_Type, &data, &PyList_Type, &hits,
                          &PyList_Type, &id_bits, &always, &size, &PyList_Type, &extra, &own)) {
        return NULL;
    }
    if (size < 0 || PyList_GET_SIZE(hits) % 2) {
        PyErr_SetString(PyExc_ValueError, "line_masks(): hits must pair literal numbers with ends");
        return NULL;
    }
    unsigned long long *masks = PyMem_Malloc((size_t)(size ? size : 1) * sizeof(unsigned long long));
    if (masks == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t n = 0; n < size; n++) {
        masks[n] = always;
    }
    PyObject *result = NULL;
    if (line_of_hits(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), hits, id_bits, extra, size, masks) == 0) {
        result = masks_list(masks, size, own);
    }
    PyMem_Free(masks);
    return result;
}

/* The text of key up to its start_words-th space (all of it when it has fewer):
 * " ".join(key.split(" ", start_words)[:start_words]). */
static PyObject *key_head(PyObject *key, Py_ssize_t start_words) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(key), spaces = 0;
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    for (Py_ssize_t at = 0; at < length; at++) {
        if (PyUnicode_READ(kind, data, at) == ' ' && ++spaces == start_words) {
            return PyUnicode_Substring(key, 0, at);
        }
    }
    Py_INCREF(key);
    return key;
}

/* How many spaces (" ") text holds: text.count(" "). */
static Py_ssize_t count_spaces(PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), spaces = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t at = 0; at < length; at++) {
        spaces += PyUnicode_READ(kind, data, at) == ' ';
    }
    return spaces;
}

/* Whether text holds "…" or "...". */
static int has_ellipsis(PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), dots = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t at = 0; at < length; at++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, at);
        if (ch == 0x2026 || (ch == '.' && ++dots == 3)) {
            return 1;
        }
        if (ch != '.') {
            dots = 0;
        }
    }
    return 0;
}

/* How many times each head of heads (a list per block) is held: {head: count}, and in *total all of them. */
static PyObject *count_heads(PyObject *heads, Py_ssize_t *total) {
    PyObject *counts = PyDict_New();
    if (counts == NULL) {
        return NULL;
    }
    for (Py_ssize_t n = 0; n < PyList_GET_SIZE(heads); n++) {
        PyObject *own = PyList_GET_ITEM(heads, n);
        if (!PyList_Check(own)) {
            PyErr_SetString(PyExc_TypeError, "may_select() takes a list of lists of heads");
            goto fail;
        }
        for (Py_ssize_t h = 0; h < PyList_GET_SIZE(own); h++) {
            PyObject *head = PyList_GET_ITEM(own, h), *before = PyDict_GetItemWithError(counts, head);
            if (before == NULL && PyErr_Occurred()) {
                goto fail;
            }
            PyObject *after = PyLong_FromSsize_t(before == NULL ? 1 : PyLong_AsSsize_t(before) + 1);
            int failed = after == NULL || PyDict_SetItem(counts, head, after) < 0;
            Py_XDECREF(after);
            if (failed) {
                goto fail;
            }
            (*total)++;
        }
    }
    return counts;
fail:
    Py_DECREF(counts);
    return NULL;
}

/* Whether two non-empty keys are the same. */
static int repeated_key(PyObject *keys) {
    PyObject *seen = PySet_New(NULL);
    if (seen == NULL) {
        return -1;
    }
    Py_ssize_t present = 0;
    for (Py_ssize_t n = 0; n < PyList_GET_SIZE(keys); n++) {
        PyObject *key = PyList_GET_ITEM(keys, n);
        if (PyUnicode_GET_LENGTH(key)) {
            present++;
            if (PySet_Add(seen, key) < 0) {
                Py_DECREF(seen);
                return -1;
            }
        }
    }
    int repeated = PySet_GET_SIZE(seen) < present;
    Py_DECREF(seen);
    return repeated;
}

/* One block's part of may_select: 1 when it may be held by another block. */
static int may_be_held(PyObject *text, PyObject *key, PyObject *own, PyObject *counts, int held,
                       Py_ssize_t start_words, PyObject *cut) {
    if (has_ellipsis(text)) { /* rare: ask Python's cut(text) whether it is cut short at its end */
        PyObject *found = PyObject_CallOneArg(cut, text);
        int truth = found == NULL ? -1 : PyObject_IsTrue(found);
        Py_XDECREF(found);
        if (truth != 0) {
            return truth;
        }
    }
    PyObject *first = PyList_GET_SIZE(own) ? PyList_GET_ITEM(own, 0) : NULL;
    if (first != NULL && !PyUnicode_Check(first)) {
        PyErr_SetString(PyExc_TypeError, "may_select() takes lists of str heads");
        return -1;
    }
    Py_ssize_t spaces = first == NULL ? 0 : count_spaces(first);
    int long_first = first != NULL && spaces >= start_words - 1;
    if (!held && long_first) {
        return 0; /* its head is its own, held once */
    }
    PyObject *head = long_first ? (Py_INCREF(first), first) : key_head(key, start_words);
    if (head == NULL) {
        return -1;
    }
    PyObject *number = PyDict_GetItemWithError(counts, head);
    Py_ssize_t count = number == NULL ? 0 : PyLong_AsSsize_t(number);
    int answer = -1;
    if (!PyErr_Occurred()) {
        int own_head = count == 1 ? PySequence_Contains(own, head) : 0;
        answer = own_head < 0 ? -1 : count > 1 || (count == 1 && !own_head);
    }
    Py_DECREF(head);
    return answer;
}

/* may_select(texts, keys, heads, start_words, cut): what declutter.filters.duplicates._may_select_python
 * returns for blocks with those texts, keys and sentence heads; cut(text) says whether a text holding an
 * ellipsis is cut short at its end (duplicates._cut_short). */
static PyObject *may_select(PyObject *self, PyObject *args) {
    PyObject *texts, *keys, *heads, *cut;
    Py_ssize_t start_words;
    if (!PyArg_ParseTuple(args, "O!O!O!nO", &PyList_Type, &texts, &PyList_Type, &keys, &PyList_Type, &heads,
                          &start_words, &cut)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(keys), total = 0;
    if (PyList_GET_SIZE(texts) != count || PyList_GET_SIZE(heads) != count) {
        PyErr_SetString(PyExc_ValueError, "may_select() takes lists of one length");
        return NULL;
    }
    for (Py_ssize_t n = 0; n < count; n++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(texts, n)) || !PyUnicode_Check(PyList_GET_ITEM(keys, n))) {
            PyErr_SetString(PyExc_TypeError, "may_select() takes lists of str");
            return NULL;
        }
    }
    int repeated = repeated_key(keys);
    if (repeated != 0) {
        return repeated < 0 ? NULL : Py_NewRef(Py_True);
    }
    PyObject *counts = count_heads(heads, &total);
    if (counts == NULL) {
        return NULL;
    }
    int held = PyDict_GET_SIZE(counts) < total, answer = 0;
    for (Py_ssize_t n = 0; n < count && answer == 0; n++) {
        PyObject *key = PyList_GET_ITEM(keys, n);
        if (PyUnicode_GET_LENGTH(key)) {
            answer = may_be_held(PyList_GET_ITEM(texts, n), key, PyList_GET_ITEM(heads, n), counts, held, start_words,
                                 cut);
        }
    }
    Py_DECREF(counts);
    return answer < 0 ? NULL : PyBool_FromLong(answer);
}

/* ------------------------------------------------------------ a duplicates round */

/* Whether two str objects are equal (a == b). */
static int same_str(PyObject *a, PyObject *b) {
    if (a == b) {
        return 1;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(a);
    if (length != PyUnicode_GET_LENGTH(b) || PyUnicode_KIND(a) != PyUnicode_KIND(b)) {
        return 0; /* canonical strings of one content have one kind */
    }
    return memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)(length * PyUnicode_KIND(a))) == 0;
}

/* Whether the words of key stand in other: f" {key} " in f" {other} ". */
static int holds_words(PyObject *other, PyObject *key) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(other), size = PyUnicode_GET_LENGTH(key);
    int kind = PyUnicode_KIND(other);
    const void *data = PyUnicode_DATA(other);
    for (Py_ssize_t start = 0; start + size <= length;) {
        Py_ssize_t at = PyUnicode_Find(other, key, start, length, 1);
        if (at < 0) {
            return at == -1 ? 0 : -1;
        }
        if ((at == 0 || PyUnicode_READ(kind, data, at - 1) == ' ') &&
            (at + size == length || PyUnicode_READ(kind, data, at + size) == ' ')) {
            return 1;
        }
        start = at + 1;
    }
    return 0;
}

/* Whether position is in the set removed (which is nearly always empty). */
static int is_removed(PyObject *removed, Py_ssize_t position) {
    if (PySet_GET_SIZE(removed) == 0) {
        return 0;
    }
    PyObject *number = PyLong_FromSsize_t(position);
    int found = number == NULL ? -1 : PySet_Contains(removed, number);
    Py_XDECREF(number);
    return found;
}

/* How many of the last window holders have the key of position. */
static Py_ssize_t recent_copies(PyObject *holders, PyObject *keys, Py_ssize_t position, Py_ssize_t window) {
    Py_ssize_t size = PyList_GET_SIZE(holders), copies = 0;
    PyObject *key = PyList_GET_ITEM(keys, position);
    for (Py_ssize_t n = size > window ? size - window : 0; n < size; n++) {
        Py_ssize_t other = PyLong_AsSsize_t(PyList_GET_ITEM(holders, n));
        copies += same_str(PyList_GET_ITEM(keys, other), key);
    }
    return copies;
}

/* One head of a block in sentence_starts: list position under head unless it is there already or
 * recent holders hold two copies of its key. */
static int list_holder(PyObject *starts, PyObject *head, PyObject *keys, Py_ssize_t position, Py_ssize_t window) {
    PyObject *holders = PyDict_GetItemWithError(starts, head);
    if (holders == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        holders = PyList_New(0);
        int failed = holders == NULL || PyDict_SetItem(starts, head, holders) < 0;
        Py_XDECREF(holders); /* the dict holds it */
        if (failed) {
            return -1;
        }
    }
    Py_ssize_t size = PyList_GET_SIZE(holders);
    if (size && PyLong_AsSsize_t(PyList_GET_ITEM(holders, size - 1)) == position) {
        return 0;
    }
    if (size < 4 || recent_copies(holders, keys, position, window) < 2) {
        PyObject *number = PyLong_FromSsize_t(position);
        int failed = number == NULL || PyList_Append(holders, number) < 0;
        Py_XDECREF(number);
        return failed ? -1 : 0;
    }
    return 0;
}

/* What declutter.filters.duplicates._sentence_starts_python returns. */
static PyObject *sentence_starts(PyObject *heads, PyObject *keys, PyObject *removed, Py_ssize_t window) {
    PyObject *starts = PyDict_New();
    if (starts == NULL) {
        return NULL;
    }
    for (Py_ssize_t position = 0; position < PyList_GET_SIZE(heads); position++) {
        int gone = is_removed(removed, position);
        if (gone) {
            if (gone < 0) {
                goto fail;
            }
            continue;
        }
        PyObject *own = PyList_GET_ITEM(heads, position);
        for (Py_ssize_t h = 0; h < PyList_GET_SIZE(own); h++) {
            if (list_holder(starts, PyList_GET_ITEM(own, h), keys, position, window) < 0) {
                goto fail;
            }
        }
    }
    return starts;
fail:
    Py_DECREF(starts);
    return NULL;
}

/* The first holder listed under key's head (at most max_holders looked at) that is another, longer block
 * holding key's words: its position, -1 for none, -2 on error. */
static Py_ssize_t holder_of(PyObject *keys, Py_ssize_t position, PyObject *starts, Py_ssize_t start_words,
                            Py_ssize_t max_holders) {
    PyObject *key = PyList_GET_ITEM(keys, position), *head = key_head(key, start_words);
    if (head == NULL) {
        return -2;
    }
    PyObject *holders = PyDict_GetItemWithError(starts, head);
    Py_DECREF(head);
    if (holders == NULL) {
        return PyErr_Occurred() ? -2 : -1;
    }
    Py_ssize_t size = PyList_GET_SIZE(holders);
    for (Py_ssize_t n = 0; n < size && n < max_holders; n++) {
        Py_ssize_t other = PyLong_AsSsize_t(PyList_GET_ITEM(holders, n));
        PyObject *longer = PyList_GET_ITEM(keys, other);
        if (other != position && PyUnicode_GET_LENGTH(longer) > PyUnicode_GET_LENGTH(key)) {
            int holds = holds_words(longer, key);
            if (holds) {
                return holds < 0 ? -2 : other;
            }
        }
    }
    return -1;
}

/* Whether a block whose text holds no ellipsis may be held (duplicates._may_be_held): 1, 0, or -1. */
static int held_maybe(PyObject *own, PyObject *starts, Py_ssize_t start_words) {
    PyObject *first = PyList_GET_SIZE(own) ? PyList_GET_ITEM(own, 0) : NULL;
    if (first == NULL || count_spaces(first) < start_words - 1) {
        return 1;
    }
    PyObject *holders = PyDict_GetItemWithError(starts, first);
    if (holders == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    return PyList_GET_SIZE(holders) > 1;
}

/* One block of held_copies: append (position, other) to found where another block holds it, (position, -1)
 * where its text holds an ellipsis (Python decides). 0, or -1 on error. */
static int held_copy(PyObject *found, PyObject *texts, PyObject *keys, PyObject *heads, PyObject *starts,
                     Py_ssize_t position, Py_ssize_t start_words, Py_ssize_t max_holders) {
    Py_ssize_t other = -1;
    if (has_ellipsis(PyList_GET_ITEM(texts, position))) {
        other = -3; /* reported as -1 */
    } else {
        int maybe = held_maybe(PyList_GET_ITEM(heads, position), starts, start_words);
        if (maybe <= 0) {
            return maybe;
        }
        other = holder_of(keys, position, starts, start_words, max_holders);
        if (other == -2) {
            return -1;
        }
        if (other == -1) {
            return 0;
        }
    }
    PyObject *pair = Py_BuildValue("(nn)", position, other == -3 ? (Py_ssize_t)-1 : other);
    int failed = pair == NULL || PyList_Append(found, pair) < 0;
    Py_XDECREF(pair);
    return failed ? -1 : 0;
}

/* Whether every item of list is a list of str (depth 2) or a str (depth 1). */
static int all_str(PyObject *list, int depth) {
    for (Py_ssize_t n = 0; n < PyList_GET_SIZE(list); n++) {
        PyObject *item = PyList_GET_ITEM(list, n);
        if (depth == 2 ? !PyList_Check(item) || !all_str(item, 1) : !PyUnicode_Check(item)) {
            return 0;
        }
    }
    return 1;
}

/* held_copies(texts, keys, heads, removed, start_words, max_holders, window) -> (starts, found): what
 * declutter.filters.duplicates._held_copies_python returns for one round. */
static PyObject *held_copies(PyObject *self, PyObject *args) {
    PyObject *texts, *keys, *heads, *removed;
    Py_ssize_t start_words, max_holders, window;
    if (!PyArg_ParseTuple(args, "O!O!O!O!nnn", &PyList_Type, &texts, &PyList_Type, &keys, &PyList_Type, &heads,
                          &PySet_Type, &removed, &start_words, &max_holders, &window)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(keys);
    if (PyList_GET_SIZE(texts) != count || PyList_GET_SIZE(heads) != count) {
        PyErr_SetString(PyExc_ValueError, "held_copies() takes lists of one length");
        return NULL;
    }
    if (!all_str(texts, 1) || !all_str(keys, 1) || !all_str(heads, 2)) {
        PyErr_SetString(PyExc_TypeError, "held_copies() takes lists of str and a list of lists of str");
        return NULL;
    }
    PyObject *starts = sentence_starts(heads, keys, removed, window), *found = PyList_New(0);
    if (starts == NULL || found == NULL) {
        goto fail;
    }
    for (Py_ssize_t position = 0; position < count; position++) {
        int gone = is_removed(removed, position);
        if (gone < 0) {
            goto fail;
        }
        if (!gone && PyUnicode_GET_LENGTH(PyList_GET_ITEM(keys, position)) &&
            held_copy(found, texts, keys, heads, starts, position, start_words, max_holders) < 0) {
            goto fail;
        }
    }
    return Py_BuildValue("(NN)", starts, found);
fail:
    Py_XDECREF(starts);
    Py_XDECREF(found);
    return NULL;
}

/* ------------------------------------------------------------ the first pass's text */

/* The UTF-8 size of one character, lone surrogates included (written as "surrogatepass" writes them). */
static inline Py_ssize_t utf8_size(Py_UCS4 ch) {
    return ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
}

/* Write ch in UTF-8 at out; returns the byte after it. */
static inline char *put_utf8(char *out, Py_UCS4 ch) {
    if (ch < 0x80) {
        *out++ = (char)ch;
    } else if (ch < 0x800) {
        *out++ = (char)(0xC0 | (ch >> 6));
        *out++ = (char)(0x80 | (ch & 0x3F));
    } else if (ch < 0x10000) {
        *out++ = (char)(0xE0 | (ch >> 12));
        *out++ = (char)(0x80 | ((ch >> 6) & 0x3F));
        *out++ = (char)(0x80 | (ch & 0x3F));
    } else {
        *out++ = (char)(0xF0 | (ch >> 18));
        *out++ = (char)(0x80 | ((ch >> 12) & 0x3F));
        *out++ = (char)(0x80 | ((ch >> 6) & 0x3F));
        *out++ = (char)(0x80 | (ch & 0x3F));
    }
    return out;
}

/* The UTF-8 size of text[start:]. */
static Py_ssize_t text_utf8_size(PyObject *text, Py_ssize_t start) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_IS_ASCII(text)) {
        return length - start;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t size = 0;
    for (Py_ssize_t i = start; i < length; i++) {
        size += utf8_size(PyUnicode_READ(kind, data, i));
    }
    return size;
}

/* Write text[start:] in UTF-8 at out; returns the byte after it. */
static char *put_text(char *out, PyObject *text, Py_ssize_t start) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_IS_ASCII(text)) {
        memcpy(out, (const char *)PyUnicode_DATA(text) + start, (size_t)(length - start));
        return out + length - start;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = start; i < length; i++) {
        out = put_utf8(out, PyUnicode_READ(kind, data, i));
    }
    return out;
}

/* Where text starts once the characters of chars are stripped from its start: len(text) - len(text.lstrip(chars)). */
static Py_ssize_t decoration_end(PyObject *text, PyObject *chars) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), at = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (at < length && PyUnicode_FindChar(chars, PyUnicode_READ(kind, data, at), 0, PyUnicode_GET_LENGTH(chars), 1) >= 0) {
        at++;
    }
    return at;
}

/* Per text: 1 if it holds a line break (left out of the scan), 2 if it opens with a decoration character
 * (scanned again without them), 0 else; and the size of the data to scan. -1 on error. */
static Py_ssize_t plan_scan(PyObject *texts, PyObject *chars, char *kinds) {
    Py_ssize_t count = PyList_GET_SIZE(texts), size = count;
    for (Py_ssize_t n = 0; n < count; n++) {
        PyObject *text = PyList_GET_ITEM(texts, n);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "scan_data() takes a list of str");
            return -1;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        if (PyUnicode_FindChar(text, '\n', 0, length, 1) >= 0) {
            kinds[n] = 1;
            continue;
        }
        size += text_utf8_size(text, 0);
        kinds[n] = length && PyUnicode_FindChar(chars, PyUnicode_READ_CHAR(text, 0), 0,
                                                PyUnicode_GET_LENGTH(chars), 1) >= 0 ? 2 : 0;
        if (kinds[n] == 2) {
            size += 1 + text_utf8_size(text, decoration_end(text, chars));
        }
    }
    return size;
}

/* scan_data(texts, decoration) -> (data, extra, always): what scan._scan_text returns, with the text
 * already in UTF-8 ("surrogatepass"): each text on a line of its own opened by a line break, a text with
 * line breaks of its own left empty (its position in always), then for each text that opens with a
 * character of decoration a line of it without them (its position in extra). */
static PyObject *scan_data(PyObject *self, PyObject *args) {
    PyObject *texts, *chars;
    if (!PyArg_ParseTuple(args, "O!U", &PyList_Type, &texts, &chars)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts);
    char *kinds = PyMem_Malloc((size_t)(count ? count : 1));
    if (kinds == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *data = NULL, *extra = PyList_New(0), *always = PyList_New(0), *result = NULL;
    Py_ssize_t size = extra == NULL || always == NULL ? -1 : plan_scan(texts, chars, kinds);
    if (size < 0 || (data = PyBytes_FromStringAndSize(NULL, size)) == NULL) {
        goto done;
    }
    char *out = PyBytes_AS_STRING(data);
    for (Py_ssize_t n = 0; n < count; n++) {
        *out++ = '\n';
        if (kinds[n] != 1) {
            out = put_text(out, PyList_GET_ITEM(texts, n), 0);
        }
    }
    for (Py_ssize_t n = 0; n < count; n++) {
        PyObject *number = kinds[n] ? PyLong_FromSsize_t(n) : NULL;
        if (kinds[n] && (number == NULL || PyList_Append(kinds[n] == 1 ? always : extra, number) < 0)) {
            Py_XDECREF(number);
            goto done;
        }
        Py_XDECREF(number);
        if (kinds[n] == 2) {
            PyObject *text = PyList_GET_ITEM(texts, n);
            *out++ = '\n';
            out = put_text(out, text, decoration_end(text, chars));
        }
    }
    result = PyTuple_Pack(3, data, extra, always);
done:
    PyMem_Free(kinds);
    Py_XDECREF(data);
    Py_XDECREF(extra);
    Py_XDECREF(always);
    return result;
}

/* ---------------------------------------------------------------- chrome menus */

/* Whether ch is a character of re's \w (str patterns): alphanumeric, or "_". */
static inline int is_word(Py_UCS4 ch) {
    return ch < 128 ? ascii_alnum[ch] || ch == '_' : Py_UNICODE_ISALNUM(ch);
}

/* Whether text ends as _SENTENCE_STOP finds ([a-z]{3}[.!?]['"”’)]*$), with the end at length. */
static int sentence_stop_at(int kind, const void *data, Py_ssize_t length) {
    while (length > 0) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, length - 1);
        if (ch != '\'' && ch != '"' && ch != 0x201D && ch != 0x2019 && ch != ')') {
            break;
        }
        length--;
    }
    if (length < 4) {
        return 0;
    }
    Py_UCS4 mark = PyUnicode_READ(kind, data, length - 1);
    if (mark != '.' && mark != '!' && mark != '?') {
        return 0;
    }
    for (Py_ssize_t at = length - 4; at < length - 1; at++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, at);
        if (ch < 'a' || ch > 'z') {
            return 0;
        }
    }
    return 1;
}

/* chrome._menu_line: at most max_chars characters, at most max_words \w+ words, no sentence stop. */
static int menu_line(PyObject *text, Py_ssize_t max_chars, Py_ssize_t max_words) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), words = 0;
    if (length > max_chars) {
        return 0;
    }
    int kind = PyUnicode_KIND(text), inside = 0;
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t at = 0; at < length; at++) {
        int word = is_word(PyUnicode_READ(kind, data, at));
        words += word && !inside;
        inside = word;
    }
    if (words > max_words) {
        return 0;
    }
    /* $ also matches before a final line break */
    int stop = sentence_stop_at(kind, data, length) ||
               (length && PyUnicode_READ(kind, data, length - 1) == '\n' && sentence_stop_at(kind, data, length - 1));
    return !stop;
}

/* menu_flags(texts, max_chars, max_words) -> bytes: 1 for each text that is a menu line
 * (declutter.filters.chrome._menu_line), else 0. */
static PyObject *menu_flags(PyObject *self, PyObject *args) {
    PyObject *texts;
    Py_ssize_t max_chars, max_words;
    if (!PyArg_ParseTuple(args, "O!nn", &PyList_Type, &texts, &max_chars, &max_words)) {
        return NULL;
    }
    if (!all_str(texts, 1)) {
        PyErr_SetString(PyExc_TypeError, "menu_flags() takes a list of str");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *flags = PyBytes_FromStringAndSize(NULL, count);
    if (flags == NULL) {
        return NULL;
    }
    char *out = PyBytes_AS_STRING(flags);
    for (Py_ssize_t n = 0; n < count; n++) {
        out[n] = (char)menu_line(PyList_GET_ITEM(texts, n), max_chars, max_words);
    }
    return flags;
}

/* ---------------------------------------------------------------- word counts */

/* Whether each of the first 256 characters is a character of re's \w (set at import). */
static unsigned char latin1_word[256];

/* count_words(text) -> int: how many \w+ words text holds, len(re.findall(r"\w+", text)) (the word counts
 * of declutter.markdown.parse), without making the list of words. */
static PyObject *count_words(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "count_words() takes a str");
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), words = 0;
    int kind = PyUnicode_KIND(text), inside = 0;
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *chars = data;
        for (Py_ssize_t at = 0; at < length; at++) {
            int word = latin1_word[chars[at]];
            words += word & !inside;
            inside = word;
        }
    } else {
        for (Py_ssize_t at = 0; at < length; at++) {
            int word = is_word(PyUnicode_READ(kind, data, at));
            words += word && !inside;
            inside = word;
        }
    }
    return PyLong_FromSsize_t(words);
}

/* ---------------------------------------------------------------- Markdown's visible text */

/* words_in(text): count_words on a str already checked. */
static Py_ssize_t words_in(PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), words = 0;
    int kind = PyUnicode_KIND(text), inside = 0;
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t at = 0; at < length; at++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, at);
        int word = ch < 256 ? latin1_word[ch] : is_word(ch);
        words += word && !inside;
        inside = word;
    }
    return words;
}

/* What inline_visible gathers: the visible pieces (joined at the end) and the counts of _Counts. */
typedef struct {
    PyObject *parts;
    PyObject *unescape;
    Py_ssize_t words, link_words, alt_words, links, images, anchors;
} Seen;

#define SEEN_BAIL 0
#define SEEN_OK 1
#define SEEN_ERROR -1

static inline int is_space(Py_UCS4 ch) {
    return Py_UNICODE_ISSPACE(ch);
}

static inline int is_star(Py_UCS4 ch) {
    return ch == '*' || ch == '~';
}

/* How many characters the emphasis pattern of parse._EMPHASIS removes at position at of the piece
 * [start, end) (the mark at at is '*', '~' or '_'), 0 where it matches nothing. The pattern's six
 * alternatives, an opening run (nothing of [\w*~] before it, \S after it, giving back its last mark
 * when only that makes \S follow) then a closing run (\S before it, no \w after it). */
static Py_ssize_t emphasis_at(int kind, const void *data, Py_ssize_t start, Py_ssize_t end, Py_ssize_t at) {
    Py_UCS4 mark = PyUnicode_READ(kind, data, at);
    int star = mark != '_';
    Py_ssize_t run = at + 1;
    while (run < end) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, run);
        if (star ? !is_star(ch) : ch != '_') {
            break;
        }
        run++;
    }
    Py_UCS4 before = at > start ? PyUnicode_READ(kind, data, at - 1) : 0;
    int opens = at == start || !(is_word(before) || (star && is_star(before)));
    if (opens) {
        if (run < end && !is_space(PyUnicode_READ(kind, data, run))) {
            return run - at;
        }
        if (run - at >= 2) {
            return run - at - 1;
        }
    }
    if (at > start && !is_space(before) && (run == end || !is_word(PyUnicode_READ(kind, data, run)))) {
        return run - at;
    }
    return 0;
}

static inline int is_escapable(Py_UCS4 ch) {
    return (ch >= '!' && ch <= '/') || (ch >= ':' && ch <= '@') || (ch >= '[' && ch <= '`') || (ch >= '{' && ch <= '~');
}

/* Where the next backslash escape (a backslash and ASCII punctuation) of [at, end) stands, or end. */
static Py_ssize_t next_escape(int kind, const void *data, Py_ssize_t at, Py_ssize_t end) {
    for (; at + 1 < end; at++) {
        if (PyUnicode_READ(kind, data, at) == '\\') {
            if (is_escapable(PyUnicode_READ(kind, data, at + 1))) {
                return at;
            }
        }
    }
    return end;
}

/* parse._plain of the piece [start, end) of text (which holds no backslash before a line break): escaped
 * characters literal, emphasis marks out between them, entities decoded; a line break stays (the caller
 * collapses white space, and \n is white space to the pattern as the space _plain puts there is). */
static PyObject *plain_piece(Seen *seen, PyObject *text, int kind, const void *data, Py_ssize_t start,
                             Py_ssize_t end) {
    int entity = 0, marked = 0;
    for (Py_ssize_t at = start; at < end; at++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, at);
        entity |= ch == '&';
        marked |= ch == '*' || ch == '~' || ch == '_' || ch == '\\';
    }
    PyObject *piece;
    if (!marked) {
        piece = PyUnicode_Substring(text, start, end);
    } else {
        Py_UCS4 *out = PyMem_Malloc((size_t)(end - start) * sizeof(Py_UCS4));
        if (out == NULL) {
            return PyErr_NoMemory();
        }
        Py_ssize_t size = 0, segment = start;
        while (segment <= end) {
            Py_ssize_t stop = next_escape(kind, data, segment, end);
            for (Py_ssize_t at = segment; at < stop;) {
                Py_UCS4 ch = PyUnicode_READ(kind, data, at);
                Py_ssize_t gone = (ch == '*' || ch == '~' || ch == '_') ? emphasis_at(kind, data, segment, stop, at) : 0;
                if (gone) {
                    at += gone;
                } else {
                    out[size++] = ch;
                    at++;
                }
            }
            if (stop >= end) {
                break;
            }
            out[size++] = PyUnicode_READ(kind, data, stop + 1);
            segment = stop + 2;
        }
        piece = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, size);
        PyMem_Free(out);
    }
    if (piece == NULL || !entity) {
        return piece;
    }
    PyObject *decoded = PyObject_CallOneArg(seen->unescape, piece);
    Py_DECREF(piece);
    if (decoded != NULL && !PyUnicode_Check(decoded)) {
        Py_DECREF(decoded);
        PyErr_SetString(PyExc_TypeError, "inline_visible(): unescape must return a str");
        return NULL;
    }
    return decoded;
}

/* Add a piece's visible text: to the words (and the link words when link), or as alt text when alt. */
static int add_plain(Seen *seen, PyObject *text, int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
                     int link, int alt) {
    if (start >= end) {
        return SEEN_OK;
    }
    PyObject *piece = plain_piece(seen, text, kind, data, start, end);
    if (piece == NULL) {
        return SEEN_ERROR;
    }
    Py_ssize_t words = words_in(piece);
    if (alt) {
        seen->alt_words += words;
    } else {
        seen->words += words;
        seen->link_words += link ? words : 0;
    }
    int appended = PyList_Append(seen->parts, piece);
    Py_DECREF(piece);
    return appended < 0 ? SEEN_ERROR : SEEN_OK;
}

/* Whether a backslash before ch leaves no doubt: not a hard line break, not an escaped bracket (which the
 * orphan link tails and brackets of parse.visible read in ways left to it). */
static inline int plain_after_backslash(Py_UCS4 ch) {
    return ch != '\n' && ch != '[' && ch != ']';
}

/* Where the bracketed text opened at at ends (the index of its ']'), as parse._BRACKETED reads it: one
 * level of nested brackets (none when not nested), a backslash and the character after it as text;
 * -1 when it does not close, or holds an escaped bracket or a backslash before a line break. */
static Py_ssize_t bracket_end(int kind, const void *data, Py_ssize_t at, Py_ssize_t end, int nested) {
    int depth = 0;
    for (Py_ssize_t j = at + 1; j < end; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (ch == '\\') {
            if (j + 1 < end && !plain_after_backslash(PyUnicode_READ(kind, data, j + 1))) {
                return -1;
            }
            j++;  /* the pattern's \\. : the next character is text, whatever it is */
        } else if (ch == ']') {
            if (!depth) {
                return j;
            }
            depth = 0;
        } else if (ch == '[') {
            if (!nested || depth) {
                return -1;
            }
            depth = 1;
        }
    }
    return -1;
}

/* Where a destination "(dest)" or "(dest "title")" opened at at ends (the index after its ')'), as
 * parse._DEST reads it, or -1 for any other: a destination without white space or parentheses, then maybe
 * white space, a title in quotes (no line break inside), and white space (the caller's text holds no '<'). */
static Py_ssize_t destination_end(int kind, const void *data, Py_ssize_t at, Py_ssize_t end) {
    if (at >= end || PyUnicode_READ(kind, data, at) != '(') {
        return -1;
    }
    Py_ssize_t j = at + 1;
    for (; j < end; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (ch == ')') {
            return j + 1;
        }
        if (ch == '(') {
            return -1;
        }
        if (is_space(ch)) {
            break;
        }
    }
    while (j < end && is_space(PyUnicode_READ(kind, data, j))) {
        j++;
    }
    Py_UCS4 quote = j < end ? PyUnicode_READ(kind, data, j) : 0;
    if (quote == '"' || quote == '\'') {
        j++;
        while (j < end && PyUnicode_READ(kind, data, j) != quote && PyUnicode_READ(kind, data, j) != '\n') {
            j++;
        }
        if (j >= end || PyUnicode_READ(kind, data, j) != quote) {
            return -1;
        }
        j++;
        while (j < end && is_space(PyUnicode_READ(kind, data, j))) {
            j++;
        }
    }
    return j < end && PyUnicode_READ(kind, data, j) == ')' ? j + 1 : -1;
}

/* parse.visible over [start, end) of text, or SEEN_BAIL for any inline syntax beyond plain links and
 * images (in a link's text, only images); links nest once, in the text of a link only images. */
static int seen_span(Seen *seen, PyObject *text, int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
                     int link) {
    Py_ssize_t plain = start, at = start;
    while (at < end) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, at);
        if (ch == '\\') {  /* an escaped character is text; a lone backslash too */
            Py_UCS4 next = at + 1 < end ? PyUnicode_READ(kind, data, at + 1) : 0;
            if (next && !plain_after_backslash(next)) {
                return SEEN_BAIL;
            }
            at += next && is_escapable(next) ? 2 : 1;
            continue;
        }
        int image = ch == '!' && at + 1 < end && PyUnicode_READ(kind, data, at + 1) == '[';
        if (ch == ']' || (ch == '[' && link)) {
            return SEEN_BAIL;  /* an orphan link tail, a bracket that opens no link, a link in a link */
        }
        if (ch != '[' && !image) {
            at++;
            continue;
        }
        Py_ssize_t open = image ? at + 1 : at;
        Py_ssize_t close = bracket_end(kind, data, open, end, !image);
        Py_ssize_t after = close < 0 ? -1 : destination_end(kind, data, close + 1, end);
        if (after < 0) {
            return SEEN_BAIL;  /* a reference link, a title, a destination with parentheses, ... */
        }
        if (add_plain(seen, text, kind, data, plain, at, link, 0) < 0) {
            return SEEN_ERROR;
        }
        if (image) {
            seen->images++;
            if (add_plain(seen, text, kind, data, open + 1, close, 0, 1) < 0) {
                return SEEN_ERROR;
            }
        } else {
            seen->links++;
            seen->anchors += close + 2 < after - 1 && PyUnicode_READ(kind, data, close + 2) == '#';
            int inner = seen_span(seen, text, kind, data, open + 1, close, 1);
            if (inner != SEEN_OK) {
                return inner;
            }
        }
        plain = at = after;
    }
    return add_plain(seen, text, kind, data, plain, end, link, 0);
}

/* Scan content into seen (its pieces appended to seen->parts), or SEEN_BAIL when parse.visible must read it. */
static int scan_into(Seen *seen, PyObject *content) {
    int kind = PyUnicode_KIND(content);
    const void *data = PyUnicode_DATA(content);
    Py_ssize_t length = PyUnicode_GET_LENGTH(content);
    for (Py_ssize_t at = 0; at < length; at++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, at);
        if (ch == '`' || ch == '<' || (ch == '\\' && at + 1 < length && PyUnicode_READ(kind, data, at + 1) == '\n')) {
            return SEEN_BAIL;  /* code spans, autolinks and tags; a hard line break by backslash (escaped or not) */
        }
    }
    return seen_span(seen, content, kind, data, 0, length, 0);
}

/* The pieces of seen joined. A new reference. */
static PyObject *joined(Seen *seen) {
    if (PyList_GET_SIZE(seen->parts) == 1) {
        return Py_NewRef(PyList_GET_ITEM(seen->parts, 0));
    }
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *text = empty == NULL ? NULL : PyUnicode_Join(empty, seen->parts);
    Py_XDECREF(empty);
    return text;
}

/* Scan content into seen; its visible text (the pieces joined) in *text, or NULL with no error set when
 * parse.visible must read it. */
static int scan_content(Seen *seen, PyObject *content, PyObject **text) {
    *text = NULL;
    seen->parts = PyList_New(0);
    if (seen->parts == NULL) {
        return SEEN_ERROR;
    }
    int state = scan_into(seen, content);
    if (state == SEEN_OK) {
        *text = joined(seen);
        state = *text == NULL ? SEEN_ERROR : SEEN_OK;
    }
    Py_CLEAR(seen->parts);
    return state;
}

/* inline_visible(content, unescape) -> (text, words, link_words, alt_words, links, images, anchors) or None:
 * parse.visible's visible text (its pieces joined) and counts of inline Markdown made of plain text, links
 * and images; None for anything else (escapes, code spans, tags, autolinks, reference links, titles, ...),
 * which parse.visible reads. unescape is html.unescape, called on pieces that hold a '&'. */
/* inline_visible(content, unescape) -> (text, words, link_words, alt_words, links, images, anchors) or None:
 * parse.visible's visible text (its pieces joined) and counts of inline Markdown made of plain text, links
 * and images; None for anything else (code spans, tags, autolinks, reference links, escaped brackets, ...),
 * which parse.visible reads. unescape is html.unescape, called on pieces that hold a '&'. */
static PyObject *inline_visible(PyObject *self, PyObject *args) {
    PyObject *content, *unescape, *text;
    if (!PyArg_ParseTuple(args, "UO:inline_visible", &content, &unescape)) {
        return NULL;
    }
    Seen seen = {NULL, unescape, 0, 0, 0, 0, 0, 0};
    int state = scan_content(&seen, content, &text);
    if (state != SEEN_OK) {
        if (state == SEEN_ERROR) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    return Py_BuildValue("(Nnnnnnn)", text, seen.words, seen.link_words, seen.alt_words, seen.links, seen.images,
                         seen.anchors);
}

/* " ".join(text.split()): runs of white space as one space, none at the ends. A new reference. */
static PyObject *collapsed(PyObject *text) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), size = 0;
    Py_UCS4 *out = PyMem_Malloc((size_t)(length ? length : 1) * sizeof(Py_UCS4));
    if (out == NULL) {
        return PyErr_NoMemory();
    }
    int gap = 0;
    for (Py_ssize_t at = 0; at < length; at++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, at);
        if (Py_UNICODE_ISSPACE(ch)) {
            gap = 1;
            continue;
        }
        if (gap && size) {
            out[size++] = ' ';
        }
        gap = 0;
        out[size++] = ch;
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, size);
    PyMem_Free(out);
    return result;
}

static PyObject *token_type, *token_content, *token_tag, *inline_type, *heading_type, *code_type, *fence_type,
    *html_type, *space;

/* A heading's level from its opening token's tag ("h1" to "h6"), -1 for a tag of another form, -2 on an error. */
static long heading_level(PyObject *token) {
    PyObject *tag = PyObject_GetAttr(token, token_tag);
    if (tag == NULL) {
        return -2;
    }
    long level = -1;
    if (PyUnicode_Check(tag) && PyUnicode_GET_LENGTH(tag) == 2) {
        Py_UCS4 digit = PyUnicode_READ_CHAR(tag, 1);
        level = digit >= '0' && digit <= '9' ? (long)(digit - '0') : -1;
    }
    Py_DECREF(tag);
    return level;
}

/* Add one token of a block to seen, as parse._described reads it: an inline token's visible text and a
 * space after it, a heading's level in *level; nothing for opening and closing tokens. SEEN_BAIL for code,
 * HTML blocks and what inline_visible does not read. */
static int described_token(Seen *seen, PyObject *token, long *level) {
    PyObject *type = PyObject_GetAttr(token, token_type);
    if (type == NULL) {
        return SEEN_ERROR;
    }
    int state = SEEN_OK;
    if (!PyUnicode_Check(type)) {
        state = SEEN_BAIL;
    } else if (same_str(type, inline_type)) {
        PyObject *content = PyObject_GetAttr(token, token_content);
        state = content == NULL ? SEEN_ERROR : !PyUnicode_Check(content) ? SEEN_BAIL : scan_into(seen, content);
        Py_XDECREF(content);
        if (state == SEEN_OK && PyList_Append(seen->parts, space) < 0) {
            state = SEEN_ERROR;
        }
    } else if (same_str(type, heading_type)) {
        *level = heading_level(token);
        state = *level == -2 ? SEEN_ERROR : *level < 0 ? SEEN_BAIL : SEEN_OK;
    } else if (same_str(type, code_type) || same_str(type, fence_type) || same_str(type, html_type)) {
        state = SEEN_BAIL;
    }
    Py_DECREF(type);
    return state;
}

/* block_visible(tokens, kind, unescape) -> (text, values) or None: parse._described of a block (not a table)
 * made of opening and closing tokens, inline tokens and headings (a paragraph, a heading, a list item with
 * its nested lists, a quote), when inline_visible reads every inline token: the visible text with white
 * space collapsed and the Features values (kind, level, words, link_words, alt_words, links, images,
 * anchors, False). None for any other block (code, HTML blocks, ...). */
static PyObject *block_visible(PyObject *self, PyObject *args) {
    PyObject *tokens, *block_kind, *unescape;
    if (!PyArg_ParseTuple(args, "OOO:block_visible", &tokens, &block_kind, &unescape)) {
        return NULL;
    }
    if (!PyList_Check(tokens)) {
        Py_RETURN_NONE;  /* other sequences: parse._described */
    }
    Seen seen = {PyList_New(0), unescape, 0, 0, 0, 0, 0, 0};
    if (seen.parts == NULL) {
        return NULL;
    }
    long level = 0;
    int state = SEEN_OK;
    for (Py_ssize_t n = 0; n < PyList_GET_SIZE(tokens) && state == SEEN_OK; n++) {
        state = described_token(&seen, PyList_GET_ITEM(tokens, n), &level);
    }
    PyObject *text = state == SEEN_OK ? joined(&seen) : NULL;
    Py_DECREF(seen.parts);
    if (state != SEEN_OK || text == NULL) {
        return state == SEEN_BAIL ? Py_NewRef(Py_None) : NULL;
    }
    PyObject *visible = collapsed(text);
    Py_DECREF(text);
    if (visible == NULL) {
        return NULL;
    }
    return Py_BuildValue("(N(OlnnnnnnO))", visible, block_kind, level, seen.words, seen.link_words, seen.alt_words,
                         seen.links, seen.images, seen.anchors, Py_False);
}

static PyMethodDef methods[] = {
    {"document_keys", document_keys, METH_VARARGS,
     "document_keys(texts, start_words) -> (keys, heads): the duplicates filter's keys of each text, and the "
     "first start_words words of each of its sentences."},
    {"make_stopwords", make_stopwords, METH_VARARGS,
     "make_stopwords(words, weights) -> table: lower-case stop words and a tuple of weights (one per language) each."},
    {"positions", positions, METH_VARARGS,
     "positions(masks, bits) -> list: the positions whose mask shares a bit with bits."},
    {"may_select", may_select, METH_VARARGS,
     "may_select(texts, keys, heads, start_words, cut) -> bool: whether a round of the duplicates filter may select "
     "anything (two keys alike, or a block some other block may hold)."},
    {"scan_data", scan_data, METH_VARARGS,
     "scan_data(texts, decoration) -> (data, extra, always): the first pass's text to scan, in UTF-8 "
     "(scan._scan_text, encoded)."},
    {"held_copies", held_copies, METH_VARARGS,
     "held_copies(texts, keys, heads, removed, start_words, max_holders, window) -> (starts, found): a round of "
     "the duplicates filter's search for blocks another block holds (duplicates._held_copies_python)."},
    {"line_masks", line_masks, METH_VARARGS,
     "line_masks(data, hits, id_bits, always, size, extra, own) -> (masks, high): the first pass's mask of "
     "each text from the scan's hits (literal numbers and match ends, paired), and the positions whose mask has "
     "bits above own."},
    {"line_blocks", line_blocks, METH_VARARGS,
     "line_blocks(cls, fields, lines, numbers, hints) -> tuple: cls(i, lines[number], number + 1, None, hints) for "
     "the i-th of numbers, each field set through its slot (fields: the member descriptors, in field order)."},
    {"record_hit", (PyCFunction)(void (*)(void))record_hit, METH_FASTCALL,
     "record_hit(number, start, end, flags, hits): append number and end to the list hits (a match handler)."},
    {"menu_flags", menu_flags, METH_VARARGS,
     "menu_flags(texts, max_chars, max_words) -> bytes: 1 for each text that may be a line of a menu "
     "(chrome._menu_line), else 0."},
    {"word_totals", word_totals, METH_VARARGS,
     "word_totals(text, table) -> (totals, words): the summed weights of the stop words among the words of "
     "text.lower().split(), per language, and how many words there are."},
    {"count_words", count_words, METH_O,
     "count_words(text) -> int: how many \\w+ words text holds (len(re.findall(r'\\w+', text)))."},
    {"block_visible", block_visible, METH_VARARGS,
     "block_visible(tokens, kind, unescape) -> (text, values) or None: the visible text and Features values of a "
     "block of one inline token (declutter.markdown.parse._described), where inline_visible reads it."},
    {"inline_visible", inline_visible, METH_VARARGS,
     "inline_visible(content, unescape) -> (text, words, link_words, alt_words, links, images, anchors) or None: the "
     "visible text and counts of inline Markdown of plain text, links and images (declutter.markdown.parse.visible)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", "Compiled helpers for declutter.", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) {
    for (Py_UCS4 ch = 0; ch < 128; ch++) {
        ascii_alnum[ch] = Py_UNICODE_ISALNUM(ch) ? 1 : 0;
        ascii_mark[ch] = is_mark(ch) ? 1 : 0;
        ascii_fold[ch] = ascii_mark[ch] ? FOLD_STOP : !ascii_alnum[ch] ? FOLD_GAP : (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch;
    }
    for (Py_UCS4 ch = 0; ch < 256; ch++) {
        latin1_word[ch] = is_word(ch) ? 1 : 0;
    }
    folds = PyDict_New();
    if (folds == NULL) {
        return NULL;
    }
    token_type = PyUnicode_InternFromString("type");
    token_content = PyUnicode_InternFromString("content");
    token_tag = PyUnicode_InternFromString("tag");
    inline_type = PyUnicode_InternFromString("inline");
    heading_type = PyUnicode_InternFromString("heading_open");
    code_type = PyUnicode_InternFromString("code_block");
    fence_type = PyUnicode_InternFromString("fence");
    html_type = PyUnicode_InternFromString("html_block");
    space = PyUnicode_InternFromString(" ");
    if (!token_type || !token_content || !token_tag || !inline_type || !heading_type || !code_type || !fence_type
        || !html_type || !space) {
        return NULL;
    }
    return PyModule_Create(&module);
}

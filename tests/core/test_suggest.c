/* Edit distance and "did you mean" suggestions. */
#include "suggest.h"
#include "tap.h"

int main(void)
{
    is_int((long long)lt_edit_distance("kitten", "sitting"), 3, "kitten/sitting");
    is_int((long long)lt_edit_distance("", "abc"), 3, "empty vs abc");
    is_int((long long)lt_edit_distance("same", "same"), 0, "identical");
    const char *names[] = { "read_csv", "write_csv", "describe", "head" };
    is_str(lt_suggest("read_cvs", names, 4), "read_csv", "transposition");
    is_str(lt_suggest("haed", names, 4), "head", "adjacent transposition costs 1");
    is_str(lt_suggest("HEAD", names, 4), "head", "case-insensitive match");
    ok(lt_suggest("plot", names, 4) == NULL, "nothing close");
    ok(lt_suggest("x", names, 0) == NULL, "no candidates");
    return tap_done();
}

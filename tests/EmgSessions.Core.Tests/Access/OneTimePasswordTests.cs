using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

public sealed class OneTimePasswordTests
{
    [Fact]
    public void A_one_time_password_is_four_groups_of_five_unambiguous_characters()
    {
        var password = OneTimePassword.Generate();

        Assert.Matches("^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$", password);
        Assert.Equal(31, OneTimePassword.Alphabet.Distinct().Count());
        Assert.DoesNotContain(OneTimePassword.Alphabet, character => "01ilo".Contains(character, StringComparison.Ordinal));
    }

    [Fact]
    public void One_time_passwords_do_not_repeat()
    {
        var passwords = Enumerable.Range(0, 1000).Select(_ => OneTimePassword.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, passwords.Count);
    }
}

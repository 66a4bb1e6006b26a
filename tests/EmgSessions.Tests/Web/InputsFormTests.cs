using EmgSessions.Web.Queries;

namespace EmgSessions.Tests.Web;

/// <summary>The Session page's inputs form read into a change: each unreadable field named with what was typed, empty fields kept.</summary>
public sealed class InputsFormTests
{
    [Fact]
    public void Typed_values_become_the_change_and_empty_fields_stay_unchanged()
    {
        var (change, errors) = InputsForm.Read(new InputsFormValues(" 6 ", "850", "1000", "52,5", "", null));

        Assert.Empty(errors);
        Assert.Equal(6, change!.Rpe);
        Assert.Equal(850, change.GamePointsAchieved);
        Assert.Equal(1000, change.GamePointsMax);
        Assert.Equal(52.5, change.BfrPressureAop!.Value, 1e-12);
        Assert.Null(change.BfrPressureAopLeft);
        Assert.Null(change.BfrPressureAopRight);
    }

    [Fact]
    public void Each_field_that_is_not_a_number_is_refused_with_its_own_message_and_no_change()
    {
        var (change, errors) = InputsForm.Read(new InputsFormValues("six", "8.5", null, "high", null, "NaN"));

        Assert.Null(change);
        Assert.Equal([InputsForm.BfrPressureAop, InputsForm.BfrPressureAopRight, InputsForm.GamePointsAchieved, InputsForm.Rpe], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("RPE must be a whole number from 0 to 10 (Borg CR10); got 'six'.", errors[InputsForm.Rpe]);
        Assert.Equal("Game points achieved must be a whole number, 0 or more; got '8.5'.", errors[InputsForm.GamePointsAchieved]);
        Assert.StartsWith("BFR pressure must be a number, % of arterial occlusion pressure from 0 to 100; got 'high'", errors[InputsForm.BfrPressureAop], StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_form_is_refused_as_a_whole_saying_what_to_enter()
    {
        var (change, errors) = InputsForm.Read(new InputsFormValues("", " ", null, null, null, ""));

        Assert.Null(change);
        Assert.Equal(InputsForm.Form, Assert.Single(errors).Key);
        Assert.Contains("enter an RPE, game points or a BFR pressure", errors[InputsForm.Form], StringComparison.Ordinal);
    }
}

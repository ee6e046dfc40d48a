using System.Xml.Linq;
using IrOperator.Resources;
using IrOperator.Resources.Schema;

namespace IrOperator.Tests.Resources;

public class XmlDocumentationTests
{
    [Fact]
    public void Summaries_become_plain_text_with_code_references_and_paragraphs_kept()
    {
        var docs = XmlDocumentation.Parse(XDocument.Parse("""
            <doc><members>
              <member name="T:IrOperator.Resources.GrantPhase">
                <summary>
                  Where a grant is: see <see cref="T:IrOperator.Resources.BreakGlassGrant"/> and <c>status.phase</c>,
                  never <see langword="null"/>.
                  <para>Second   paragraph.</para>
                </summary>
              </member>
            </members></doc>
            """));

        docs.Summary(typeof(GrantPhase)).Should().Be("Where a grant is: see BreakGlassGrant and status.phase, never null.\n\nSecond paragraph.");
    }

    [Fact]
    public void Inherited_properties_find_the_summary_of_the_generic_base()
    {
        var docs = XmlDocumentation.For(typeof(CrdGenerator).Assembly);
        docs.Summary(typeof(ResponderRole).GetProperty(nameof(ResponderRole.ApiVersion))!).Should().Contain("iroperator.io/v1alpha1");
    }
}

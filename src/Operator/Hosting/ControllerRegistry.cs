using IrOperator.Kube;

namespace IrOperator.Hosting;

/// <summary>
/// The controllers `iroperator run` starts. Controllers are built fresh each time leadership is won,
/// so a registration is a factory, not an instance. Empty until the controllers for the real kinds land.
/// </summary>
public sealed class ControllerRegistry
{
    private readonly List<Func<OperatorContext, IController>> _factories = [];

    public int Count => _factories.Count;

    public ControllerRegistry Add(Func<OperatorContext, IController> factory)
    {
        _factories.Add(factory);
        return this;
    }

    /// <summary>Builds every controller; if a factory throws, those already built are disposed and the error goes on.</summary>
    internal IReadOnlyList<IController> Build(OperatorContext context)
    {
        var built = new List<IController>(_factories.Count);
        try
        {
            foreach (var factory in _factories)
            {
                built.Add(factory(context));
            }
            return built;
        }
        catch
        {
            foreach (var controller in built.OfType<IDisposable>())
            {
                controller.Dispose();
            }
            throw;
        }
    }
}

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

    internal IReadOnlyList<IController> Build(OperatorContext context) => _factories.Select(f => f(context)).ToList();
}

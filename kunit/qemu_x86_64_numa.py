# kunit.py --qemu_config for x86_64 on an emulated 2-node NUMA machine:
# 4 vCPUs, one socket per node (so the guest sees a sane topology), and the
# 1024 MiB that kunit.py gives QEMU split evenly between the nodes.
# scripts/qemu-tcg/ keeps QEMU away from kvm, which hangs on this machine.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_NUMA=y
CONFIG_X86_64_ACPI_NUMA=y
CONFIG_PCI=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=[
				   '-bios', 'qboot.rom',
				   '-smp', '4,sockets=2,cores=2,threads=1',
				   '-object', 'memory-backend-ram,id=m0,size=512M',
				   '-object', 'memory-backend-ram,id=m1,size=512M',
				   '-numa', 'node,nodeid=0,cpus=0-1,memdev=m0',
				   '-numa', 'node,nodeid=1,cpus=2-3,memdev=m1',
			   ])
